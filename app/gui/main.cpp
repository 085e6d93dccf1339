// kartoteka: the workstation. Parses arguments, loads the configuration, opens the window.
#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/msgdlg.h>

#include <cstdio>
#include <cstdlib>

#include "config/config.h"
#include "error.h"
#include "gui_util.h"
#include "main_frame.h"

namespace kartoteka::gui {

class KartotekaApp : public wxApp {
public:
    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    wxString m_config_path;
    wxString m_db;
    wxString m_query;
    bool m_trace = false;
};

void KartotekaApp::OnInitCmdLine(wxCmdLineParser& parser) {
    parser.AddOption("", "config", "configuration file");
    parser.AddOption("", "db", "SQLite file path or PostgreSQL connection string (overrides store.url)");
    parser.AddSwitch("", "trace", "print what the window shows on standard output (for tests)");
    parser.AddSwitch("h", "help", "show this help", wxCMD_LINE_OPTION_HELP);
    parser.AddParam("phone, tel: URI, name or #id to open", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
}

bool KartotekaApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    parser.Found("config", &m_config_path);
    parser.Found("db", &m_db);
    m_trace = parser.Found("trace");
    if (parser.GetParamCount() > 0) m_query = parser.GetParam(0);
    return true;
}

bool KartotekaApp::OnInit() {
    if (!wxApp::OnInit()) return false;
    FrameOptions opt;
    try {
        const std::string path = m_config_path.empty() ? config::default_config_path() : utf8(m_config_path);
        opt.config = config::load_config(path);
    } catch (const Error& e) {
        // Nothing starts half-configured: say exactly what is wrong and stop.
        std::fprintf(stderr, "kartoteka: %s\n", e.what());
        if (!m_trace) wxMessageBox(wx(e.what()), "Kartoteka: configuration error", wxOK | wxICON_ERROR);
        std::exit(2);
    }
    opt.store = storage::StoreLocation::parse(m_db.empty() ? opt.config.store.url : utf8(m_db));
    if (const char* pw = std::getenv(opt.config.store.password_env.c_str())) opt.store_password = pw;
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

}  // namespace kartoteka::gui

wxIMPLEMENT_APP(kartoteka::gui::KartotekaApp);
