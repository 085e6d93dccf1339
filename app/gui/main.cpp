// kartoteka: the workstation. Parses arguments, loads the configuration, opens the window.
#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/msgdlg.h>
#include <wx/translation.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "error.h"
#include "gui_util.h"
#include "main_frame.h"
#include "util/build_tree.h"
#include "util/log.h"

namespace kartoteka::gui {

class KartotekaApp : public wxApp {
public:
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;
    int FilterEvent(wxEvent& event) override;

private:
    wxString m_config_path;
    wxString m_db;
    wxString m_query;
    wxString m_lang;
    wxString m_log_level;
    bool m_trace = false;
    bool m_painted = false;
    bool m_ready = false;
};

/// Loads the kartoteka catalogue for the configured language ("auto": the system's). wxTranslations
/// rather than wxLocale, so a machine without the ru_RU/bg_BG C locale generated still shows the
/// translation.
void setup_translations(const std::string& language) {
    auto* translations = new wxTranslations();
    wxTranslations::Set(translations);
    // Installed: <prefix>/bin/kartoteka finds <prefix>/share/locale, wherever the package put the prefix.
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(
        util::running_from_build_tree() ? wxString(KARTOTEKA_BUILD_LOCALE_DIR)
                                        : wxString(util::install_prefix() + "/share/locale"));
    if (language != "auto") translations->SetLanguage(wx(language));
    translations->AddCatalog("kartoteka");
}

void KartotekaApp::OnInitCmdLine(wxCmdLineParser& parser) {
    parser.AddOption("", "config", "configuration file");
    parser.AddOption("", "db", "SQLite file path or PostgreSQL connection string (overrides store.url)");
    parser.AddOption("", "lang", "interface language: en, ru or bg (overrides locale.language)");
    parser.AddOption("", "log-level", "trace, debug, info, warn, error or off (overrides log.level and $KARTOTEKA_LOG_LEVEL)");
    parser.AddSwitch("", "trace", "print what the window shows on standard output (for tests)");
    parser.AddSwitch("h", "help", "show this help", wxCMD_LINE_OPTION_HELP);
    parser.AddParam("phone, tel: URI, name or #id to open", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
}

bool KartotekaApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    parser.Found("config", &m_config_path);
    parser.Found("db", &m_db);
    parser.Found("lang", &m_lang);
    parser.Found("log-level", &m_log_level);
    m_trace = parser.Found("trace");
    if (parser.GetParamCount() > 0) m_query = parser.GetParam(0);
    return true;
}

/// With --trace, says "kartoteka: ready" once the window has painted and the event loop has gone idle
/// for the first time: the moment an agent can type (the cold-start benchmark times exec to this line).
int KartotekaApp::FilterEvent(wxEvent& event) {
    if (m_trace && !m_ready) {
        if (event.GetEventType() == wxEVT_PAINT) {
            m_painted = true;
        } else if (m_painted && event.GetEventType() == wxEVT_IDLE) {
            m_ready = true;
            std::printf("kartoteka: ready\n");
            std::fflush(stdout);
        }
    }
    return Event_Skip;
}

/// The workstation's log: a rotating file (log.file, else under $XDG_STATE_HOME), or stderr when that
/// cannot be written. The level: --log-level, else $KARTOTEKA_LOG_LEVEL, else log.level. A level that
/// is not one of the names is said in the log and the next one down the list is used.
void setup_log(const config::LogConfig& log, const std::string& option) {
    const char* env = std::getenv("KARTOTEKA_LOG_LEVEL");
    std::vector<std::pair<std::string, std::string>> wanted{{"--log-level", option}};
    if (env) wanted.emplace_back("KARTOTEKA_LOG_LEVEL", env);
    wanted.emplace_back("log.level", log.level);
    std::string ignored;
    util::LogFileOptions file;
    file.path = log.file.empty() ? util::default_log_file() : log.file;
    if (file.path.rfind("~/", 0) == 0)
        if (const char* home = std::getenv("HOME")) file.path = home + file.path.substr(1);
    for (const auto& [where, text] : wanted) {
        if (text.empty()) continue;
        if (auto level = util::parse_log_level(text)) {
            file.level = *level;
            break;
        }
        ignored += " " + where + " '" + text + "' is not a level;";
    }
    util::log_to_file(file);
    util::logger()->info("kartoteka {} started", KARTOTEKA_VERSION);
    if (!ignored.empty()) util::logger()->warn("log level:{} expected {}", ignored, util::log_level_names());
}

bool KartotekaApp::OnInit() {
    SetAppName("kartoteka");
    SetVendorName("Kartoteka");
    if (!wxApp::OnInit()) return false;
    FrameOptions opt;
    try {
        const std::string path = m_config_path.empty() ? config::default_config_path() : utf8(m_config_path);
        opt.config = config::load_config(path);
    } catch (const Error& e) {
        // Nothing starts half-configured: say exactly what is wrong and stop (in the log too: the
        // agent's message box is gone by the time IT looks).
        setup_log(config::LogConfig{}, utf8(m_log_level));
        util::logger()->error("configuration: {}", e.what());
        std::fprintf(stderr, "kartoteka: %s\n", e.what());
        if (!m_trace) wxMessageBox(wx(e.what()), "Kartoteka: configuration error", wxOK | wxICON_ERROR);
        std::exit(2);
    }
    setup_log(opt.config.log, utf8(m_log_level));
    setup_translations(m_lang.empty() ? opt.config.locale.language : utf8(m_lang));
    if (!m_db.empty()) opt.store_override = utf8(m_db);
    opt.initial_query = utf8(m_query);
    opt.trace = m_trace;
    auto* frame = new MainFrame(std::move(opt));
    frame->Show();
    if (m_trace) {
        std::printf("kartoteka: window shown\n");
        std::fflush(stdout);
    }
    return true;
}

int KartotekaApp::OnExit() {
    // A start without a matching stop in the log is a crash or a kill: IT can tell them apart.
    util::logger()->info("kartoteka stopped");
    return wxApp::OnExit();
}

}  // namespace kartoteka::gui

wxIMPLEMENT_APP(kartoteka::gui::KartotekaApp);
