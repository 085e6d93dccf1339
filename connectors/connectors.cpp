#include "connectors.h"

#include "rest_factory.h"
#include "sql_factory.h"

namespace kartoteka::connectors {

void register_all(connector::Registry& registry) {
    rest::register_rest(registry);
    sql::register_sql(registry);
}

}  // namespace kartoteka::connectors
