"""read_activities: every Strava header generation, FIT/GPX/TCX plain and gzipped, bad input."""

from __future__ import annotations

import datetime as dt
import gzip

import pandas as pd
import pytest

from hipkit.errors import DataFileError
from hipkit.runs.activities import BrokenActivityFileWarning, read_activities, runs_only
from scripts.make_sample_runs import (
    HEADER_103,
    long_row,
    strava_date,
    write_csv,
    write_fit_run,
    write_gpx_run,
    write_tcx_run,
)

TODAY = dt.date(2026, 3, 6)
LOWERCASE_2018 = "id,date,name,type,description,elapsed_time,distance,commute,gear,filename"
TITLE_2019 = ("Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
              "Elapsed Time,Distance,Commute,Activity Gear,Filename")
GERMAN_92 = (
    "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Aktivitätsbeschreibung,"
    "Verstrichene Zeit,Distanz,Max. Herzfrequenz,Relative Leistung,Pendeln,"
    "Hinweis zur Privatsphäre für Aktivitäten,Aktivitätsausrüstung,Dateiname,Sportlergewicht,"
    "Fahrradgewicht,Verstrichene Zeit,Bewegungszeit,Distanz,Höchstgeschw.,"
    "Durchschnittliche Geschwindigkeit,Höhenzunahme,Höhenunterschied,Min. Höhe,Max. Höhe,"
    "Max. Steigung,Durchschnittliche Steigung,Durchschnittliche positive Steigung,"
    "Durchschnittliche negative Steigung,Max. Tritt-/Schrittfrequenz,"
    "Durchschnittliche Trittfrequenz,Max. Herzfrequenz,Durchschnittliche Herzfrequenz"
).split(",")
FRENCH_21 = (
    "ID de l'activité,Date de l'activité,Nom de l'activité,Type d'activité,"
    "Description de l'activité,Temps écoulé,Distance,Fréquence cardiaque max.,Effort relatif,"
    "Déplacement-transport,Note privée sur les activités,Matériel utilisé pour l'activité,"
    "Nom du fichier,Poids de l'athlète,Poids du vélo,Temps écoulé,Durée de déplacement,"
    "Distance,Vitesse max.,Vitesse moyenne,Dénivelé positif"
).split(",")


def write_text(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def totals(frame):
    runs = runs_only(frame)
    return (len(runs), round(float(runs["elapsed_min"].sum()), 6),
            round(float(runs["distance_km"].sum()), 6))


def test_lowercase_2018_header_has_metres(tmp_path):
    csv = write_text(tmp_path / "activities.csv", LOWERCASE_2018 + "\n"
                     "1836776031,2018-09-12 15:02:23,Evening Ride,Ride,,783,3681.0,true,M,\n"
                     "1836776032,2018-09-13 07:00:00,Morning Run,Run,,1800,5000.0,false,,\n"
                     "1836776033,2018-09-15 07:00:00,Long Run,Run,,3600,10500.5,false,,\n")
    frame = read_activities(csv, today=TODAY)
    assert totals(frame) == (2, 90.0, 15.5005)
    assert frame["start"].iloc[0] == pd.Timestamp("2018-09-12 15:02:23")
    assert frame["moving_min"].isna().all()  # not in this generation: missing, not zero


def test_title_case_2019_header_has_km_and_english_dates(tmp_path):
    csv = write_text(tmp_path / "activities.csv", TITLE_2019 + "\n"
                     '1836776031,"Sep 12, 2018, 3:02:23 PM",Evening Ride,Ride,,783,3.68,true,,\n'
                     '1836776032,"Sep 13, 2018, 12:05:00 AM",Night Run,Run,,1500,4.25,false,,\n'
                     '1836776033,"Sep 14, 2018, 12:30:00 PM",Noon Run,Run,,2100,6.00,false,,\n')
    frame = read_activities(csv, today=TODAY)
    assert totals(frame) == (2, 60.0, 10.25)
    assert frame["start"].tolist() == [pd.Timestamp("2018-09-12 15:02:23"),
                                       pd.Timestamp("2018-09-13 00:05:00"),
                                       pd.Timestamp("2018-09-14 12:30:00")]


def long_export(tmp_path, rows, header=HEADER_103):
    write_csv(tmp_path / "activities.csv", header, rows)
    return tmp_path


def test_long_export_takes_metres_and_seconds_from_the_repeated_columns(tmp_path):
    # An imperial athlete: the first Distance is in miles, the second in metres.
    rows = [long_row(**{"Activity ID": 1, "Activity Date": "May 29, 2022, 3:53:35 PM",
                        "Activity Type": "Run", "Elapsed Time#1": 2400, "Distance#1": "5.04",
                        "Elapsed Time#2": "2400.0", "Moving Time": "2340.0",
                        "Distance#2": "8111.2", "Max Heart Rate#1": "171.0",
                        "Average Heart Rate": "150.0", "Perceived Exertion": "6.0"}),
            long_row(**{"Activity ID": 2, "Activity Date": "May 30, 2022, 6:00:00 AM",
                        "Activity Type": "Run", "Elapsed Time#1": 1800, "Distance#1": "3.11",
                        "Elapsed Time#2": "1800.0", "Moving Time": "1800.0",
                        "Distance#2": "5000.0"})]
    frame = read_activities(long_export(tmp_path, rows), today=TODAY)
    assert totals(frame) == (2, 70.0, 13.1112)
    assert frame["moving_min"].tolist() == [39.0, 30.0]
    assert frame["max_hr"].tolist() == [171.0, pd.NA]
    assert frame["rpe"].iloc[0] == 6.0


def test_columns_are_matched_by_unit_not_position(tmp_path):
    # The metres column first and the km column second: the values tell them apart.
    header = ["Activity Date", "Activity Type", "Distance", "Elapsed Time", "Distance"]
    rows = [["Oct 7, 2020, 2:43:11 PM", "Run", "10012.5", "3000", "10.01"],
            ["Oct 8, 2020, 2:43:11 PM", "Run", "", "600", "2.00"]]
    frame = read_activities(long_export(tmp_path, rows, header), today=TODAY)
    assert frame["distance_km"].tolist() == [10.0125, 2.0]


def test_repeated_columns_that_disagree_are_reported(tmp_path):
    rows = [long_row(**{"Activity Date": "May 29, 2022, 3:53:35 PM", "Activity Type": "Run",
                        "Elapsed Time#1": 1428, "Elapsed Time#2": "1500.0"})]
    with pytest.raises(DataFileError) as error:
        read_activities(long_export(tmp_path, rows), today=TODAY)
    assert ("activities.csv, row 2, field 'Elapsed Time': its two columns disagree "
            "(got [1428.0, 1500.0])") in str(error.value)


def test_german_export(tmp_path):
    row = ["8228026758", "09.12.2022, 15:24:49", "Abendlauf", "Lauf", "bewölkt\n---\n ",
           "3000", "9,44", "", "", "false", "", "", "", "", "", "3000.0", "2900.0",
           "9440.5", *[""] * 12, "170.0", "148.0"]
    ride = ["8228026759", "10.12.2022, 07:00:00", "Radfahrt", "Radfahrt", "", "3600", "30,00",
            *[""] * 8, "3600.0", "3500.0", "30000.0", *[""] * 14]
    frame = read_activities(long_export(tmp_path, [row, ride], GERMAN_92), today=TODAY)
    assert totals(frame) == (1, 50.0, 9.4405)
    assert frame["type"].tolist() == ["Run", "Ride"]
    assert frame["start"].iloc[0] == pd.Timestamp("2022-12-09 15:24:49")
    assert frame["avg_hr"].iloc[0] == 148.0


def test_french_export_partial_header(tmp_path):
    row = ["1", "Oct 7, 2020, 2:43:11 PM", "Sortie", "Course à pied", "", "1800", "5.00",
           "", "", "", "", "", "", "", "", "1800.0", "1700.0", "5000.0", "", "", ""]
    frame = read_activities(long_export(tmp_path, [row], FRENCH_21), today=TODAY)
    assert totals(frame) == (1, 30.0, 5.0)


def test_spanish_five_column_export_takes_its_numbers_from_the_files(tmp_path):
    (tmp_path / "activities").mkdir()
    write_fit_run(tmp_path / "activities" / "7.fit.gz", START, 2400, 6500.0, avg_hr=148)
    header = ["ID de actividad", "Fecha de la actividad", "Nombre de la actividad",
              "Tipo de actividad", "Nombre del archivo"]
    rows = [["1", strava_date(START), "Carrera de mañana", "Carrera", "activities/7.fit.gz"]]
    frame = read_activities(long_export(tmp_path, rows, header), today=TODAY)
    assert totals(frame) == (1, 40.0, 6.5)
    assert frame["avg_hr"].tolist() == [148.0]


def test_html_wrapped_header_names_are_unwrapped(tmp_path):
    header = ['<span class="translation_missing" title="x">Activity Date</span>',
              "Activity Type", "Elapsed Time", "Distance"]
    frame = read_activities(long_export(tmp_path, [["Oct 7, 2020, 2:43:11 PM", "Run", "360",
                                                    "1.00"]], header), today=TODAY)
    assert totals(frame) == (1, 6.0, 1.0)


def test_every_broken_row_is_reported_at_once(tmp_path):
    csv = write_text(tmp_path / "activities.csv", TITLE_2019 + "\n"
                     '1,"Sep 31, 2018, 3:02:23 PM",A,Run,,783,3.68,true,,\n'
                     '2,"Sep 12, 1850, 3:02:23 PM",B,Run,,783,3.68,true,,\n'
                     '3,"Sep 12, 2018, 3:02:23 PM",C,Run,,inf,3.68,true,,\n'
                     '4,"Sep 12, 2018, 3:02:23 PM",D,Run,,1e30,3.68,true,,\n'
                     '5,"Sep 12, 2018, 3:02:23 PM",E,Run,,600,-2,true,,\n'
                     '6,"Sep 12, 2030, 3:02:23 PM",F,Run,,600,2,true,,\n'
                     '7,"Sep 12, 2018, 3:02:23 PM",G,Run,,600,2,true,,\n')
    with pytest.raises(DataFileError) as error:
        read_activities(csv, today=TODAY)
    text = str(error.value)
    assert text.startswith("6 problems in the data:")
    assert ("activities.csv, row 2, field 'Activity Date': is not a date like" in text
            and "(got 'Sep 31, 2018, 3:02:23 PM')" in text)
    assert "row 3, field 'start': must fall between 1990 and today (2026-03-06)" in text
    assert "row 4, field 'Elapsed Time': is not a finite number (got 'inf')" in text
    assert "row 5, field 'elapsed time (s)': must be 0 to 1209600 seconds (got 1e+30)" in text
    assert "row 6, field 'distance (m)': must be 0 to 5000000 metres (got -2000.0)" in text
    assert "row 7, field 'start'" in text


def test_row_with_a_missing_cell_is_reported(tmp_path):
    csv = write_text(tmp_path / "activities.csv", TITLE_2019 + "\n1,x,A,Run\n")
    with pytest.raises(DataFileError, match=r"row 2, field 'row': has 4 cells, the header "
                                            r"has 10"):
        read_activities(csv, today=TODAY)


START = dt.datetime(2025, 9, 2, 6, 0, 0)


@pytest.mark.parametrize("suffix", [".fit", ".fit.gz", ".gpx", ".gpx.gz", ".tcx", ".tcx.gz"])
def test_single_files_plain_and_gzipped(tmp_path, suffix):
    path = tmp_path / f"run{suffix}"
    kind = suffix.removesuffix(".gz")
    writer = {".fit": write_fit_run, ".gpx": write_gpx_run, ".tcx": write_tcx_run}[kind]
    writer(path, START, 1800, 5000.0, avg_hr=142)
    assert path.read_bytes()[:2] == (b"\x1f\x8b" if suffix.endswith(".gz") else
                                     path.read_bytes()[:2])
    frame = read_activities(path, today=TODAY)
    assert len(frame) == 1 and frame["type"].iloc[0] == "Run"
    assert frame["start"].iloc[0] == pd.Timestamp(START)
    assert frame["elapsed_min"].iloc[0] == 30.0
    assert frame["avg_hr"].iloc[0] == 142.0
    # GPX length is computed from the points along a meridian: within a metre of 5 km.
    assert abs(frame["distance_km"].iloc[0] - 5.0) < (1e-3 if kind == ".gpx" else 1e-9)


def test_corrupt_file_in_a_folder_is_named_and_the_rest_load(tmp_path):
    write_fit_run(tmp_path / "a.fit", START, 1800, 5000.0)
    write_gpx_run(tmp_path / "b.gpx.gz", START + dt.timedelta(days=1), 1200, 3000.0)
    good = (tmp_path / "a.fit").read_bytes()
    (tmp_path / "c.fit").write_bytes(good[:-40])  # cut short: the checksum fails
    (tmp_path / "d.tcx.gz").write_bytes(gzip.compress(b"<TrainingCenterDatabase"))
    (tmp_path / "notes.txt").write_text("not an activity")
    with pytest.warns(BrokenActivityFileWarning) as caught:
        frame = read_activities(tmp_path, today=TODAY)
    assert len(frame) == 2
    message = str(caught[0].message)
    assert "2 problems" in message and "c.fit, field 'file'" in message
    assert "d.tcx.gz, field 'file': is not readable TCX" in message
    assert [p.file for p in frame.attrs["problems"]] == ["c.fit", "d.tcx.gz"]
    with pytest.raises(DataFileError, match="c.fit"):
        read_activities(tmp_path, today=TODAY, strict=True)


def test_fit_file_with_an_impossible_date_is_refused(tmp_path):
    write_fit_run(tmp_path / "old.fit", dt.datetime(1989, 12, 31, 0, 0, 1), 60, 100.0)
    with pytest.raises(DataFileError, match=r"old.fit, field 'start': must fall between"):
        read_activities(tmp_path / "old.fit", today=TODAY)


def test_strava_export_fills_missing_values_from_the_files(tmp_path):
    (tmp_path / "activities").mkdir()
    write_tcx_run(tmp_path / "activities" / "99.tcx.gz", START, 1800, 5000.0, avg_hr=150,
                  max_hr=170)
    (tmp_path / "activities" / "98.fit.gz").write_bytes(b"\x1f\x8b broken")
    csv = write_text(tmp_path / "activities.csv", TITLE_2019 + "\n"
                     f'1,"{strava_date(START)}",A,Run,,1800,5.00,false,,activities/99.tcx.gz\n'
                     '2,"Sep 3, 2025, 6:00:00 AM",B,Run,,600,2.00,false,,activities/98.fit.gz\n'
                     '3,"Sep 4, 2025, 6:00:00 AM",C,Run,,900,3.00,false,,\n')
    with pytest.warns(BrokenActivityFileWarning, match="activities/98.fit.gz"):
        frame = read_activities(csv.parent, today=TODAY)
    assert totals(frame) == (3, 55.0, 10.0)
    assert frame["avg_hr"].tolist() == [150.0, pd.NA, pd.NA]
    assert frame["moving_min"].tolist() == [30.0, pd.NA, pd.NA]
    assert frame["source"].tolist() == ["activities/99.tcx.gz", "activities/98.fit.gz",
                                        "activities.csv"]


def test_a_file_missing_from_the_export_is_named(tmp_path):
    rows = [long_row(**{"Activity Date": "May 29, 2022, 3:53:35 PM", "Activity Type": "Run",
                        "Elapsed Time#2": "1800.0", "Moving Time": "1700.0",
                        "Distance#1": "5.00", "Distance#2": "5000.0",
                        "Max Heart Rate#1": "170.0", "Average Heart Rate": "150.0",
                        "Filename": "activities/1.fit.gz"})]
    with pytest.warns(BrokenActivityFileWarning,
                      match=r"activities.csv, row 2, field 'Filename': names a file that is "
                            r"not in the export \(got 'activities/1.fit.gz'\)"):
        frame = read_activities(long_export(tmp_path, rows), today=TODAY)
    assert totals(frame) == (1, 30.0, 5.0)


def test_sample_export_reads_whole():
    from hipkit.runs.activities import sample_runs_path

    frame = read_activities(sample_runs_path(), today=TODAY)
    assert len(frame) == 36 and frame.attrs["problems"] == []
    assert frame["start"].min() == pd.Timestamp("2025-09-02 06:04:00")


# --- FIT fields on the profile's scales -----------------------------------------------------

def profile_fit_run(path, *, workout_rpe, sport="running", sub_sport="generic",
                    workout_feel=None):
    """A run written field by field with the SDK's Encoder, values in the profile's units.

    Built here and not with hipkit's writers, so the test holds what the FIT profile says a
    watch stores: workout_rpe is the CR-10 rating x10 (the field has no profile scale, so
    the Encoder stores the number given), times in s and distance in m (the Encoder stores
    them x1000 and x100).
    """
    from garmin_fit_sdk import Encoder, Profile

    number = Profile["mesg_num"]
    start = dt.datetime(2025, 9, 2, 6, 0, tzinfo=dt.timezone.utc)
    end = start + dt.timedelta(seconds=1860.25)
    encoder = Encoder()
    encoder.on_mesg(number["FILE_ID"], {"type": "activity", "manufacturer": "garmin",
                                        "product": 3992, "serial_number": 7,
                                        "time_created": start})
    encoder.on_mesg(number["EVENT"], {"timestamp": start, "event": "timer",
                                      "event_type": "start"})
    encoder.on_mesg(number["RECORD"], {"timestamp": start, "distance": 0.0, "heart_rate": 140})
    encoder.on_mesg(number["RECORD"], {"timestamp": end, "distance": 5012.34, "heart_rate": 150})
    encoder.on_mesg(number["EVENT"], {"timestamp": end, "event": "timer",
                                      "event_type": "stop_all"})
    totals = {"timestamp": end, "start_time": start, "total_elapsed_time": 1860.25,
              "total_timer_time": 1795.5, "total_distance": 5012.34, "sport": sport,
              "sub_sport": sub_sport, "avg_heart_rate": 146, "max_heart_rate": 171}
    encoder.on_mesg(number["LAP"], totals)
    session = {**totals, "first_lap_index": 0, "num_laps": 1, "workout_rpe": workout_rpe}
    if workout_feel is not None:
        session["workout_feel"] = workout_feel
    encoder.on_mesg(number["SESSION"], session)
    encoder.on_mesg(number["ACTIVITY"], {"timestamp": end, "total_timer_time": 1795.5,
                                         "num_sessions": 1, "type": "manual",
                                         "event": "activity", "event_type": "stop"})
    path.write_bytes(bytes(encoder.close()))
    return path


def fitdecode_session(path):
    """The session message as fitdecode (an independent decoder) reads it: raw and scaled."""
    import fitdecode

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as stream, fitdecode.FitReader(
            stream, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                return {field.name: (field.raw_value, field.value) for field in frame.fields}
    raise AssertionError(f"{path} holds no session")


def test_a_watch_file_with_workout_rpe_70_reads_as_effort_7(tmp_path):
    path = profile_fit_run(tmp_path / "watch.fit", workout_rpe=70, sub_sport="trail",
                           workout_feel=75)
    session = fitdecode_session(path)
    assert session["workout_rpe"] == (70, 70)  # what the file holds, read independently
    assert session["total_timer_time"] == (1795500, 1795.5)
    assert session["total_distance"] == (501234, 5012.34)
    frame = read_activities(path, today=TODAY)
    row = frame.iloc[0]
    assert row["rpe"] == 7.0
    assert row["type"] == "Trail Run"  # sport running, sub-sport trail
    assert row["moving_min"] == 1795.5 / 60 and row["elapsed_min"] == 1860.25 / 60
    assert row["distance_km"] == 5.01234
    assert (row["avg_hr"], row["max_hr"]) == (146.0, 171.0)
    assert row["start"] == pd.Timestamp("2025-09-02 06:00:00")


@pytest.mark.parametrize(("sport", "sub_sport", "kind"), [
    ("running", "trail", "Trail Run"), ("running", "virtual_activity", "Virtual Run"),
    ("running", "treadmill", "Run"), ("training", "strength_training", "Weight Training"),
    ("cycling", "generic", "Ride"), (200, 0, "FIT sport 200")])
def test_fit_sport_and_sub_sport_give_stravas_type(tmp_path, sport, sub_sport, kind):
    path = profile_fit_run(tmp_path / "a.fit", workout_rpe=50, sport=sport, sub_sport=sub_sport)
    assert read_activities(path, today=TODAY)["type"].tolist() == [kind]


def test_a_workout_rpe_beyond_the_profile_scale_is_refused(tmp_path):
    path = profile_fit_run(tmp_path / "odd.fit", workout_rpe=110)  # effort 11 of 10
    with pytest.raises(DataFileError, match=r"odd.fit, field 'rpe': must be an exertion from "
                                            r"0 to 10 \(got 11.0\)"):
        read_activities(path, today=TODAY)


def test_sample_fit_files_decode_with_fitdecode_to_the_efforts_hipkit_reads():
    from hipkit.runs.activities import sample_runs_path
    from hipkit.runs.fit_reader import FIT_RPE_SCALE

    export = read_activities(sample_runs_path(), today=TODAY).set_index("source")
    files = sorted((sample_runs_path() / "activities").glob("*.fit*"))
    assert len(files) == 2
    for file in files:
        session = fitdecode_session(file)
        from_file = read_activities(file, today=TODAY).iloc[0]
        row = export.loc[f"activities/{file.name}"]
        # The stored effort is the CSV's exertion x10, the way a watch writes it.
        assert session["workout_rpe"][0] == row["rpe"] * FIT_RPE_SCALE
        assert session["workout_rpe"][0] / FIT_RPE_SCALE == from_file["rpe"] == row["rpe"]
        assert session["workout_feel"][1] in (0, 25, 50, 75, 100)
        # Timer time leaves the run's pause out; elapsed time keeps it, as in the CSV.
        assert session["total_timer_time"][1] / 60 == from_file["moving_min"] \
            == row["moving_min"]
        assert session["total_elapsed_time"][1] / 60 == from_file["elapsed_min"] \
            == row["elapsed_min"]
        assert session["total_timer_time"][1] < session["total_elapsed_time"][1]


def test_an_export_without_an_effort_column_takes_the_watch_files_effort_on_its_scale(tmp_path):
    (tmp_path / "activities").mkdir()
    write_fit_run(tmp_path / "activities" / "7.fit.gz", START, 2400, 6500.0, elapsed_s=2520,
                  avg_hr=148, max_hr=160, rpe=7, feel=75)
    rows = [["1", strava_date(START), "Morning Run", "Run", "", "2520", "6.50", "false", "",
             "activities/7.fit.gz"]]
    frame = read_activities(long_export(tmp_path, rows, TITLE_2019.split(",")), today=TODAY)
    row = frame.iloc[0]
    assert row["rpe"] == 7.0  # stored 70 in the file
    assert (row["moving_min"], row["elapsed_min"]) == (40.0, 42.0)  # timer time from the file
