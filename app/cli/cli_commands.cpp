// The table of kartoteka-cli commands. Each feature adds its group here and in cli_context.h.
#include "cli_context.h"

namespace kartoteka::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = [] {
        std::vector<Command> v;
        add_config_commands(v);
        add_demo_commands(v);
        add_staff_commands(v);
        add_customer_commands(v);
        add_directory_commands(v);
        add_audit_commands(v);
        add_sla_commands(v);
        add_ticket_commands(v);
        add_retention_commands(v);
        add_retention_report_commands(v);
        add_lifecycle_commands(v);
        add_connector_commands(v);
        add_outbox_commands(v);
        add_callback_commands(v);
        add_serve_commands(v);
        add_secret_commands(v);
        add_admin_commands(v);
        return v;
    }();
    return all;
}

}  // namespace kartoteka::cli
