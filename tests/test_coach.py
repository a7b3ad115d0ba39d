"""The coach's workshop without code: dashboard page, handouts, the app's state and view."""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from hipkit.cli import main
from hipkit.coach.app import CoachApp, CoachAppView
from hipkit.coach.dashboard_page import plan_start, write_dashboard
from hipkit.coach.group import load_group
from hipkit.coach.handout_files import handout_file_name

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
    monkeypatch.setenv("HIPKIT_TODAY", "2026-02-14")
    app = CoachApp(as_of=AS_OF)
    batch = app.add_uploads([("jo.csv", (logs / "jo.csv").read_bytes())])
    assert batch.folder == tmp_path / "home" / "uploaded_logs" / "2026-02-14" / "batch_1"
    assert app.folder == batch.folder and batch.saved == [("jo.csv", "jo.csv")]
    assert app.load() and list(app.dashboard.group.logs) == ["Jo <b>Bell</b>"]


def _upload(view: CoachAppView, *files: tuple[str, bytes]) -> None:
    """Choose files in the upload button, as the browser hands them to the kernel."""
    view.upload.value = tuple({"name": name, "type": "text/csv", "size": len(content),
                               "content": memoryview(content),
                               "last_modified": dt.datetime(2026, 2, 13, tzinfo=dt.UTC)}
                              for name, content in files)


def _log(runner: str, day: str = "2026-02-04") -> bytes:
    return (HEADER + f"{day},{runner},Single-leg bridge,left,2,15,\n").encode()


@pytest.fixture
def home(monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.mark.parametrize("name", ["..", ".", "", "/", "\x00", " . . "])
def test_an_upload_named_like_no_file_is_ignored_and_said_so(home, name):
    view = CoachAppView(CoachApp(as_of=AS_OF))
    _upload(view, (name, _log("Jo")))
    assert view.status.value == (
        '<p role="status">No log file among the 1 uploaded: nothing was saved. Ignored 1 '
        f"file(s), not saved: {html.escape(repr(name))} (not a log file: a log is .csv, "
        ".xlsx or .xlsm).</p>")
    assert not (home / "uploaded_logs").exists() and view.handout_button.disabled


@pytest.mark.parametrize(("name", "saved"), [
    ("jo\x00.csv", "jo.csv"), ("../../jo.csv", "jo.csv"), ("C:\\Users\\jo.CSV", "jo.csv"),
    (".jo.csv", "jo.csv"), ("\x1b[31mjo.csv", "[31mjo.csv"), ("..csv", "upload.csv"),
    ("con.csv", "con_.csv"), ("j<o>|?*.csv", "j_o____.csv"),
    ("x" * 300 + ".csv", "x" * 100 + ".csv"),
    ("<img src=x onerror=alert(1)>.csv", "_img src=x onerror=alert(1)_.csv"),
])
def test_an_upload_name_is_made_a_safe_name_in_its_batch_and_the_log_loads(home, name, saved):
    view = CoachAppView(CoachApp(as_of=AS_OF))
    _upload(view, (name, _log("Jo")))
    folder = Path(view.folder.value)
    assert folder.parent.parent == home / "uploaded_logs"
    assert [p.name for p in folder.iterdir()] == [saved]
    assert f"saved 1 log file(s) in {folder}" in view.status.value
    assert html.escape(f"{name!r} as {saved!r}") in view.status.value
    assert "<" not in view.status.value.replace('<p role="status">', "").replace("</p>", "")
    assert "1 runners loaded" in view.status.value and not view.handout_button.disabled


def test_a_file_that_is_not_a_log_is_listed_as_ignored_and_never_saved(home):
    view = CoachAppView(CoachApp(as_of=AS_OF))
    _upload(view, ("jo.csv", _log("Jo")), ("evil.html", b"<script>alert(1)</script>"),
            ("~$jo.xlsx", b"lock"))
    assert sorted(p.name for p in home.rglob("*") if p.is_file()) == ["jo.csv"]
    status = view.status.value
    assert "saved 1 log file(s)" in status and "Ignored 2 file(s), not saved: " \
        "&#x27;evil.html&#x27; (not a log file: a log is .csv, .xlsx or .xlsm); " \
        "&#x27;~$jo.xlsx&#x27; (a spreadsheet&#x27;s lock file, not a log)." in status
    assert "<script>" not in status and view.upload.accept == ".csv,.xlsx,.xlsm"


def test_a_second_upload_the_same_day_is_its_own_dashboard_not_mixed_with_the_first(home):
    view = CoachAppView(CoachApp(as_of=AS_OF))
    _upload(view, ("jo.csv", _log("Jo")), ("ann.csv", _log("Ann")))
    first = Path(view.folder.value)
    _upload(view, ("max.csv", _log("Max")))
    second = Path(view.folder.value)
    assert (first.name, second.name, second.parent) == ("batch_1", "batch_2", first.parent)
    assert list(view.app.dashboard.group.logs) == ["Max"]
    assert "Upload batch 2 of" in view.status.value and "1 runners loaded" in \
        view.status.value
    assert sorted(p.name for p in first.iterdir()) == ["ann.csv", "jo.csv"]
    # Each batch's handouts go to a folder of its own: batch 1's runners are not in it.
    view.handout_button.click()
    assert sorted(p.name for p in view.app.handout_folder.iterdir()) == [
        "all_handouts.zip", "max.pdf"]
    # The coach goes back to the first batch by its folder: its runners, and no upload
    # note about the second.
    view.folder.value = str(first)
    view.load_button.click()
    assert sorted(view.app.dashboard.group.logs) == ["Ann", "Jo"]
    assert "Upload batch" not in view.status.value


def test_two_uploads_named_my_log_are_both_kept_and_the_message_counts_them(home):
    view = CoachAppView(CoachApp(as_of=AS_OF))
    _upload(view, ("my_log.csv", _log("Jo")), ("my_log.csv", _log("Max")),
            ("MY_LOG.csv", _log("Ann")), ("my_log.csv", _log("Jo")))
    folder = Path(view.folder.value)
    assert sorted(p.name for p in folder.iterdir()) == ["MY_LOG_3.csv", "my_log.csv",
                                                        "my_log_2.csv"]
    assert sorted(view.app.dashboard.group.logs) == ["Ann", "Jo", "Max"]
    status = view.status.value
    assert "saved 3 log file(s)" in status and "3 runners loaded" in status
    assert ("&#x27;my_log.csv&#x27; as &#x27;my_log_2.csv&#x27;; &#x27;MY_LOG.csv&#x27; as "
            "&#x27;MY_LOG_3.csv&#x27;.") in status
    assert ("&#x27;my_log.csv&#x27; (the same file as &#x27;my_log.csv&#x27;, saved once)"
            in status)


def test_the_same_files_uploaded_again_are_a_new_batch(home):
    view = CoachAppView(CoachApp(as_of=AS_OF))
    _upload(view, ("my_log.csv", _log("Jo")))
    _upload(view, ("my_log.csv", _log("Jo")))
    assert Path(view.folder.value).name == "batch_2" and view.upload.value == ()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_uploaded_bytes_are_saved_unchanged(home, encoding):
    content = (HEADER + "2026-02-04,Zoë,Single-leg bridge,left,2,15,\r\n").encode(encoding)
    batch = CoachApp(as_of=AS_OF).add_uploads([("zoe.csv", memoryview(content))])
    assert (batch.folder / "zoe.csv").read_bytes() == content


def test_an_uploaded_utf16_log_loads(home):
    view = CoachAppView(CoachApp(as_of=AS_OF))
    _upload(view, ("zoe.csv", (HEADER + "2026-02-04,Zoë,Single-leg bridge,left,2,15,\n")
                   .encode("utf-16")))
    assert "meant to be it" not in view.flags.value
    assert list(view.app.dashboard.group.logs) == ["Zoë"]


def test_a_batch_that_fails_half_way_leaves_no_folder_behind(home, monkeypatch):
    import hipkit.coach.uploads

    written = []

    def fail_on_second(path, data):
        if written:
            raise OSError(28, "No space left on device")
        written.append(path)
        path.write_bytes(data)

    monkeypatch.setattr(hipkit.coach.uploads, "write_atomic", fail_on_second)
    app = CoachApp(as_of=AS_OF)
    with pytest.raises(OSError, match="No space left"):
        app.add_uploads([("jo.csv", _log("Jo")), ("max.csv", _log("Max"))])
    assert [p.name for p in (home / "uploaded_logs").rglob("*")] == ["2026-03-06"]


def test_a_name_the_handout_cannot_print_is_found_before_any_handout_is_written(home):
    folder = home / "club"
    folder.mkdir(parents=True)
    (folder / "ana.csv").write_bytes(_log("Ana"))
    (folder / "zz.csv").write_bytes(_log("李小龙"))
    view = CoachAppView(CoachApp(folder, as_of=AS_OF))
    view.load()
    view.handout_button.click()
    assert not (home / "handouts").exists() and view.downloads.value == ""
    assert view.status.value == html.escape(
        "No handout written: 1 runner name(s) cannot be printed. runner name '李小龙' has "
        "letters the handout's font (DejaVu Sans) cannot print: '李', '小', '龙'; write it "
        "in Latin, Greek or Cyrillic letters (in zz.csv). Correct the name in the "
        "runner's log and show the dashboard again.", quote=True).join(
        ['<p role="status">', "</p>"])
    assert not view.handout_button.disabled


def test_a_folder_the_coach_may_not_read_gets_a_message(home, monkeypatch):
    import hipkit.coach.app

    def refuse(folder, **options):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(hipkit.coach.app, "load_group", refuse)
    home.mkdir()
    app = CoachApp(home, as_of=AS_OF)
    assert not app.load() and app.message == (
        f"The folder {home} cannot be read: Permission denied.")


def test_logs_without_any_entry_get_a_clear_message(home, capsys):
    folder = home / "club"
    folder.mkdir(parents=True)
    (folder / "jo.csv").write_text(HEADER)
    app = CoachApp(folder, as_of=AS_OF)
    assert not app.load() and app.message == (
        f"No dashboard for {folder} yet: no runner's log holds an entry yet (1 read, all "
        "empty): the plan starts on the first day anyone logged.")
    with pytest.raises(SystemExit):
        main(["dashboard", str(folder), "--out", str(home / "r.html")])
    assert "no runner's log holds an entry yet" in capsys.readouterr().err


def test_app_shows_charts_at_their_own_size(logs, monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))
    view = CoachAppView(CoachApp(logs, as_of=AS_OF))
    view.load()
    width = Image.open(io.BytesIO(bytes(view.totals.value))).size[0]
    assert view.totals.layout.width == f"{width}px" and view.totals.layout.max_width == "100%"
