"""The coach's workshop without code: dashboard page, handouts, the app's state and view."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from hipkit.cli import main
from hipkit.coach import CoachApp, CoachAppView, handout_file_name, plan_start, write_dashboard
from hipkit.group import load_group

AS_OF = dt.date(2026, 2, 13)
HEADER = "date,runner,exercise,side,sets,reps,notes\n"


@pytest.fixture
def logs(tmp_path):
    folder = tmp_path / "club"
    folder.mkdir()
    (folder / "jo.csv").write_text(
        HEADER + "2026-02-04,Jo <b>Bell</b>,Single-leg bridge,left,2,15,=sum(A1)\n"
        "2026-02-11,Jo <b>Bell</b>,Single-leg bridge,left,2,15,\n")
    (folder / "max.csv").write_text(HEADER + "2026-02-05,Max,Single-leg bridge,both,2,15,\n")
    (folder / "broken.csv").write_text(HEADER + "2026-02-31,Kay,Single-leg bridge,left,2,15,\n")
    return folder


def test_plan_starts_on_the_monday_of_the_first_logged_week(logs):
    assert plan_start(load_group(logs, as_of=AS_OF)) == dt.date(2026, 2, 2)


def test_handout_names_are_plain_and_unique():
    assert handout_file_name("Sam <Fast> Okafor") == "sam_fast_okafor.pdf"
    assert handout_file_name("../../etc", ["etc.pdf"]) == "etc_2.pdf"
    assert handout_file_name("***") == "runner.pdf"


def test_dashboard_command_writes_one_escaped_page(logs, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["dashboard", str(logs), "--as-of", "2026-02-13", "--out", str(out)]) == 0
    page = out.read_text()
    assert "Jo &lt;b&gt;Bell&lt;/b&gt;" in page and "<b>Bell" not in page
    assert page.count('<img alt="') == 2 and "data:image/png;base64," in page
    assert "Could not read broken.csv" in page and "2026-02-31" in page
    assert "Report date 13 Feb 2026; plan started 02 Feb 2026; 2 runners" in page
    assert capsys.readouterr().out.startswith(f"Wrote {out}: 2 runners as of 13 Feb 2026, 1 file")


def test_dashboard_command_reports_an_empty_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["dashboard", str(tmp_path), "--out", str(tmp_path / "r.html")])
    assert stop.value.code == 2
    assert "no runner's log could be read" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_dashboard_defaults_to_settings_today(logs, tmp_path, monkeypatch):
    monkeypatch.setenv("HIPKIT_TODAY", "2026-02-12")
    main(["dashboard", str(logs), "--out", str(tmp_path / "r.html")])
    assert "Report date 12 Feb 2026" in (tmp_path / "r.html").read_text()
    dashboard = write_dashboard(logs, tmp_path / "s.html", as_of=AS_OF,
                                start=dt.date(2026, 2, 9))
    assert dashboard.plan["date"].min().date() == dt.date(2026, 2, 9)


def test_app_defaults_come_from_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path))
    monkeypatch.setenv("HIPKIT_TODAY", "2026-02-13")
    app = CoachApp()
    assert (app.folder, app.as_of) == (tmp_path / "group_logs", AS_OF)
    assert app.handout_folder == tmp_path / "handouts" / "2026-02-13"
    assert not app.load() and "There is no folder" in app.message


def test_app_view_loads_a_folder_and_writes_every_handout(logs, monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))
    view = CoachAppView(CoachApp(as_of=AS_OF))
    view.folder.value = str(logs)
    view.load_button.click()
    assert "2 runners loaded" in view.status.value and "1 file(s) could not be read" in \
        view.status.value
    assert view.heatmap.layout.display is None and bytes(view.heatmap.value)[:4] == b"\x89PNG"
    assert "Jo &lt;b&gt;Bell&lt;/b&gt;" in view.flags.value
    assert not view.handout_button.disabled
    view.handout_button.click()
    folder = tmp_path / "home" / "handouts" / "2026-02-13"
    assert sorted(p.name for p in folder.iterdir()) == [
        "all_handouts.zip", "broken.pdf", "jo_b_bell_b.pdf", "max.pdf"]
    assert "Max" in PdfReader(folder / "max.pdf").pages[0].extract_text()
    with zipfile.ZipFile(folder / "all_handouts.zip") as archive:
        assert sorted(archive.namelist()) == ["broken.pdf", "jo_b_bell_b.pdf", "max.pdf"]
    assert 'download="max.pdf" href="data:application/pdf;base64,' in view.downloads.value
    assert str(folder / "max.pdf") in view.downloads.value


def test_app_saves_uploaded_logs_and_loads_them(logs, monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))
    app = CoachApp(as_of=AS_OF)
    folder = app.add_uploads([("jo.csv", (logs / "jo.csv").read_bytes())])
    assert folder == tmp_path / "home" / "uploaded_logs" / "2026-02-13"
    assert app.load() and list(app.dashboard.group.logs) == ["Jo <b>Bell</b>"]


def test_app_shows_charts_at_their_own_size(logs, monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))
    view = CoachAppView(CoachApp(logs, as_of=AS_OF))
    view.load()
    width = Image.open(io.BytesIO(bytes(view.totals.value))).size[0]
    assert view.totals.layout.width == f"{width}px" and view.totals.layout.max_width == "100%"
