"""Generate data/sample_runs/: a fictional runner's Strava-style export (never edit by hand).

Run ``python scripts/make_sample_runs.py`` and the files come out byte for byte the same
(a fixed seed and fixed dates, never today's).

- ``activities.csv`` uses Strava's newest 103-column English header (the reference file
  ``activity_exports.md``, generation d), with its five repeated names; the display
  distance is in km and the second ``Distance`` in metres, as in real exports.
- The runner is "Alex (fictional)" of ``data/sample_log.csv``: nine weeks from Monday
  1 September 2025, four runs a week, a long run on Sundays, two big weeks (the weeks of
  22 September and 13 October) and an easy week after each. Perceived exertion is logged
  for most runs; a few have only heart rate, one has neither, so every load method shows.
- A few runs point to their own file in ``activities/``, written with the libraries hipkit
  reads them with: FIT with garmin-fit-sdk, GPX with gpxpy, TCX with the standard library,
  some gzipped as Strava ships them. The others are manual entries with no file.
- ``group/<runner>/activities.csv``: four runners of ``data/sample_group`` (February to
  March 2026) in the older 10-column "Activity ID, Activity Date" header, for the coach's
  group view.

The writers (:func:`write_fit_run`, :func:`write_gpx_run`, :func:`write_tcx_run`) are also
used by the tests and the benchmark to make activity files.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "data" / "sample_runs"
RUNNER = "Alex (fictional)"
FIRST_MONDAY = dt.date(2025, 9, 1)
WEEKS = 9
SEED = 13
#: Running days (Mon=0) and the share of the week's distance each carries.
RUN_DAYS = {1: 0.2, 3: 0.25, 5: 0.15, 6: 0.4}
#: Weekly km; weeks 4 and 7 are the big ones, each followed by an easier week.
WEEKLY_KM = (24, 26, 28, 40, 24, 30, 42, 26, 30)
#: Rows (week, day) that carry a file instead of being manual entries.
FILE_ROWS = {(0, 1): ".fit.gz", (1, 3): ".gpx", (2, 6): ".tcx.gz", (4, 1): ".fit",
             (5, 3): ".gpx.gz", (6, 5): ".tcx"}
#: The watch's "how did you feel" answers, as FIT stores them (GoldenCheetah issue 4124);
#: the sample files take them in turn.
FEEL = (50, 75, 25, 100, 0)
# Metres per degree of latitude on gpxpy's sphere, so GPX tracks measure what was written.
METRES_PER_DEGREE = 2 * 3.141592653589793 * 6_378_137.0 / 360
GROUP = {"ana_souza": 30, "eli_novak": 45, "gus_lindqvist": 25, "tom_brennan": 35}
GROUP_FIRST_MONDAY = dt.date(2026, 2, 2)
GROUP_WEEKS = 5
#: The watch the sample FIT files say recorded them: a Garmin Forerunner 255 (number 3992
#: in the SDK profile's ``garmin_product``), with a made-up serial number and firmware.
WATCH = {"manufacturer": "garmin", "product": 3992, "serial_number": 3_412_345_678}
WATCH_SOFTWARE = 2119  # firmware 21.19: file_creator stores it as is, device_info /100
#: The runner trains in Amsterdam in September and October: summer time, UTC+2.
RUNNER_UTC_OFFSET = dt.timedelta(hours=2)

# Newest English header seen (103 columns), verbatim from the reference file.
HEADER_103 = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
    "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,"
    "Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,"
    "Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,"
    "Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,"
    "Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,"
    "Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,"
    "Uphill Time,Downhill Time,Other Time,Perceived Exertion,Type,Start Time,"
    "Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,"
    "Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,"
    "Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,"
    "Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,"
    "Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,"
    "Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,"
    "Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,"
    "Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,"
    "Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,"
    "Average Grade Adjusted Pace,Timer Time,Total Cycles,Recovery,With Pet,Competition,"
    "Long Run,For a Cause,With Kid,Downhill Distance,Total Sets,Total Reps,Media"
).split(",")
HEADER_2019 = ("Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
               "Elapsed Time,Distance,Commute,Activity Gear,Filename").split(",")


def strava_date(moment: dt.datetime) -> str:
    """Strava's English date text, e.g. 'Sep 12, 2018, 3:02:23 PM' (no zero padding)."""
    hour = moment.hour % 12 or 12
    return (f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M:%S} "
            f"{'PM' if moment.hour >= 12 else 'AM'}")


def long_row(**values: object) -> list[str]:
    """One row of the 103-column export; repeated names are given as ``name#1``/``name#2``."""
    seen: dict[str, int] = {}
    row = []
    for name in HEADER_103:
        seen[name] = seen.get(name, 0) + 1
        key = f"{name}#{seen[name]}" if HEADER_103.count(name) > 1 else name
        value = values.get(key, "")
        row.append("" if value is None else str(value))
    return row


def _track(start: dt.datetime, seconds: float, metres: float, step: int = 10):
    """Points every ``step`` seconds along a straight line north (lat, lon, s, m)."""
    count = max(2, int(seconds // step) + 1)
    for i in range(count):
        fraction = i / (count - 1)
        along = metres * fraction
        moment = start + dt.timedelta(seconds=seconds * fraction)
        yield 52.0 + along / METRES_PER_DEGREE, 4.9, moment, along


def write_fit_run(path: Path, start: dt.datetime, seconds: float, metres: float, *,
                  elapsed_s: float | None = None, avg_hr: int | None = None,
                  max_hr: int | None = None, rpe: int | None = None,
                  feel: int | None = None, step: int = 10) -> None:
    """Write a run as FIT with garmin-fit-sdk's Encoder, laid out as a Garmin watch writes it.

    As a Forerunner's file: ``file_id`` naming the watch (:data:`WATCH`), ``file_creator``,
    the timer start ``event`` and the watch's ``device_info``; a ``record`` every ``step``
    seconds while the timer runs; an auto-lap every kilometre; when ``elapsed_s`` is
    longer than ``seconds`` (the timer time), one pause halfway, a timer stop and start
    with no records between, so ``total_timer_time`` leaves it out and
    ``total_elapsed_time`` keeps it; at the end the timer stop, the last lap, the
    ``session`` and the ``activity`` with its local time (the runner's Amsterdam summer
    time, UTC+2). ``rpe`` (1-10) and ``feel`` (0, 25, 50, 75 or 100) go into the session
    on the profile's scale, the way a watch stores the runner's answers after a run:
    ``workout_rpe`` is the rating x10 (:data:`hipkit.runs.fit_reader.FIT_RPE_SCALE`). Values
    are given in the profile's units (seconds, metres, bpm); the Encoder stores them
    scaled (ms, cm). Gzipped for a ``.gz`` path.
    """
    from garmin_fit_sdk import Profile

    from hipkit.runs.fit_export import start_activity
    from hipkit.runs.fit_reader import FIT_RPE_SCALE

    number = Profile["mesg_num"]
    start = start.replace(tzinfo=dt.timezone.utc)
    elapsed_s = seconds if elapsed_s is None else elapsed_s
    if elapsed_s < seconds:
        raise ValueError(f"elapsed_s ({elapsed_s}) must be at least the timer's {seconds} s")
    pause_at = seconds / 2  # timer seconds before the pause
    pause = dt.timedelta(seconds=elapsed_s - seconds)

    def clock(timer_s: float) -> dt.datetime:
        return start + dt.timedelta(seconds=timer_s) + (pause if timer_s > pause_at else
                                                        dt.timedelta(0))

    end = start + dt.timedelta(seconds=elapsed_s)
    heart = {k: v for k, v in (("avg_heart_rate", avg_hr), ("max_heart_rate", max_hr)) if v}
    sport = {"sport": "running", "sub_sport": "generic"}
    encoder = start_activity(start, WATCH)
    encoder.on_mesg(number["FILE_CREATOR"], {"software_version": WATCH_SOFTWARE})
    encoder.on_mesg(number["DEVICE_INFO"], {
        "timestamp": start, "device_index": "creator", **WATCH,
        "software_version": WATCH_SOFTWARE / 100})
    laps: list[dict] = []
    lap_start = (0.0, 0.0, start)  # timer seconds, metres and time where the lap began

    def close_lap(timer_s: float, along: float, trigger: str) -> None:
        nonlocal lap_start
        began_s, began_m, began_at = lap_start
        lap = {"message_index": len(laps), "timestamp": clock(timer_s), "start_time": began_at,
               "event": "lap", "event_type": "stop", "lap_trigger": trigger,
               "total_elapsed_time": (clock(timer_s) - began_at).total_seconds(),
               "total_timer_time": timer_s - began_s, "total_distance": along - began_m,
               **sport, **heart}
        laps.append(lap)
        encoder.on_mesg(number["LAP"], lap)
        lap_start = (timer_s, along, clock(timer_s))

    speed = metres / seconds if seconds else 0.0
    paused = False
    for index, (lat, lon, moment, along) in enumerate(_track(start, seconds, metres, step)):
        timer_s = (moment - start).total_seconds()
        if timer_s > pause_at and pause and not paused:
            encoder.on_mesg(number["EVENT"], {"timestamp": clock(pause_at), "event": "timer",
                                              "event_type": "stop_all"})
            encoder.on_mesg(number["EVENT"], {"timestamp": clock(pause_at) + pause,
                                              "event": "timer", "event_type": "start"})
            paused = True
        record = {"timestamp": clock(timer_s), "distance": along, "enhanced_speed": speed,
                  "enhanced_altitude": 2.0, "position_lat": round(lat * 2**31 / 180),
                  "position_long": round(lon * 2**31 / 180)}
        if avg_hr:
            # A heart rate that drifts either side of the run's average, never above its top.
            record["heart_rate"] = min(avg_hr + (index % 5) - 2, max_hr or 255)
        encoder.on_mesg(number["RECORD"], record)
        if along - lap_start[1] >= 1000 and along < metres:
            close_lap(timer_s, along, "distance")
    encoder.on_mesg(number["EVENT"], {"timestamp": end, "event": "timer",
                                      "event_type": "stop_all"})
    close_lap(seconds, metres, "session_end")
    session = {"message_index": 0, "timestamp": end, "start_time": start, "event": "session",
               "event_type": "stop", "trigger": "activity_end", "total_elapsed_time": elapsed_s,
               "total_timer_time": seconds, "total_distance": metres,
               "enhanced_avg_speed": speed, **sport, **heart, "first_lap_index": 0,
               "num_laps": len(laps)}
    if rpe is not None:
        session["workout_rpe"] = rpe * FIT_RPE_SCALE
    if feel is not None:
        session["workout_feel"] = feel
    encoder.on_mesg(number["SESSION"], session)
    encoder.on_mesg(number["ACTIVITY"], {
        "timestamp": end, "total_timer_time": seconds, "num_sessions": 1, "type": "manual",
        "event": "activity", "event_type": "stop", "local_timestamp": end + RUNNER_UTC_OFFSET})
    _write(path, bytes(encoder.close()))


def write_gpx_run(path: Path, start: dt.datetime, seconds: float, metres: float, *,
                  avg_hr: int | None = None, name: str = "Run", step: int = 10) -> None:
    """Write a run as GPX 1.1 with gpxpy, heart rate in Garmin's TrackPointExtension."""
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.nsmap["gpxtpx"] = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
    track = gpxpy.gpx.GPXTrack(name=name)
    track.type = "running"
    segment = gpxpy.gpx.GPXTrackSegment()
    for lat, lon, moment, _ in _track(start.replace(tzinfo=dt.timezone.utc), seconds,
                                      metres, step):
        point = gpxpy.gpx.GPXTrackPoint(lat, lon, elevation=2.0, time=moment)
        if avg_hr:
            extension = ET.Element("gpxtpx:TrackPointExtension")
            ET.SubElement(extension, "gpxtpx:hr").text = str(avg_hr)
            point.extensions.append(extension)
        segment.points.append(point)
    track.segments.append(segment)
    gpx.tracks.append(track)
    _write(path, gpx.to_xml(version="1.1").encode())


def write_tcx_run(path: Path, start: dt.datetime, seconds: float, metres: float, *,
                  avg_hr: int | None = None, max_hr: int | None = None,
                  step: int = 10) -> None:
    """Write a run as TCX (Garmin's TrainingCenterDatabase v2) with the standard library."""
    namespace = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
    ET.register_namespace("", namespace)

    def sub(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    iso = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    root = ET.Element(f"{{{namespace}}}TrainingCenterDatabase")
    activity = sub(sub(root, "Activities"), "Activity", Sport="Running")
    sub(activity, "Id", iso)
    lap = sub(activity, "Lap", StartTime=iso)
    sub(lap, "TotalTimeSeconds", f"{seconds:.1f}")
    sub(lap, "DistanceMeters", f"{metres:.1f}")
    sub(lap, "Calories", "0")
    if avg_hr:
        sub(sub(lap, "AverageHeartRateBpm"), "Value", str(avg_hr))
    if max_hr:
        sub(sub(lap, "MaximumHeartRateBpm"), "Value", str(max_hr))
    sub(lap, "Intensity", "Active")
    sub(lap, "TriggerMethod", "Manual")
    points = sub(lap, "Track")
    for lat, lon, moment, along in _track(start, seconds, metres, step):
        point = sub(points, "Trackpoint")
        sub(point, "Time", moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
        position = sub(point, "Position")
        sub(position, "LatitudeDegrees", f"{lat:.7f}")
        sub(position, "LongitudeDegrees", f"{lon:.7f}")
        sub(point, "DistanceMeters", f"{along:.1f}")
        if avg_hr:
            sub(sub(point, "HeartRateBpm"), "Value", str(avg_hr))
    _write(path, ET.tostring(root, xml_declaration=True, encoding="UTF-8"))


WRITERS = {".fit": write_fit_run, ".gpx": write_gpx_run, ".tcx": write_tcx_run}


def _write(path: Path, data: bytes) -> None:
    if path.suffix == ".gz":
        # mtime=0 keeps the gzip header, and so the file, the same on every run.
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write rows as Strava does: comma-separated, quoted only where needed, LF endings."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def sample_runs(rng: np.random.Generator) -> list[dict]:
    """Alex's runs: start, km, minutes, heart rate and exertion, the file kind if any."""
    runs = []
    for week in range(WEEKS):
        for day, share in RUN_DAYS.items():
            km = round(WEEKLY_KM[week] * share * rng.uniform(0.9, 1.1), 2)
            pace_min_per_km = (6.4 if day == 6 else 5.8) * rng.uniform(0.95, 1.05)
            moving_s = round(km * pace_min_per_km * 60)
            start = dt.datetime.combine(FIRST_MONDAY + dt.timedelta(weeks=week, days=day),
                                        dt.time(6 if day < 5 else 8, int(rng.integers(0, 60))))
            hard = day == 3  # Thursday tempo run
            avg_hr = int(rng.integers(150, 162) if hard else rng.integers(132, 145))
            rpe = int(rng.integers(6, 8) if hard else rng.integers(3, 6))
            if day == 6:
                rpe = min(10, rpe + (2 if km > 14 else 1))
            runs.append({"week": week, "day": day, "start": start, "km": km,
                         "moving_s": moving_s, "elapsed_s": moving_s + int(rng.integers(0, 240)),
                         "avg_hr": avg_hr, "max_hr": avg_hr + int(rng.integers(8, 18)),
                         "rpe": rpe, "file": FILE_ROWS.get((week, day))})
    # Exertion not logged on a few runs (heart rate only), and neither on one.
    for index in rng.choice(len(runs), size=5, replace=False):
        runs[index]["rpe"] = None
    no_heart = next(i for i, r in enumerate(runs) if r["rpe"] is None and not r["file"])
    runs[no_heart]["avg_hr"] = runs[no_heart]["max_hr"] = None
    return runs


def main() -> None:
    rng = np.random.default_rng(SEED)
    activities = DATA / "activities"
    activities.mkdir(parents=True, exist_ok=True)
    for old in activities.iterdir():
        old.unlink()
    rows = []
    for number, run in enumerate(sample_runs(rng)):
        activity_id = 15_600_000_000 + number * 7919
        filename = ""
        if run["file"]:
            # The file's number is an upload id, not the activity id, as in real exports.
            filename = f"activities/{16_700_000_000 + number * 104_729}{run['file']}"
            kind = run["file"].removesuffix(".gz")
            extra = {"avg_hr": run["avg_hr"]}
            if kind != ".gpx":
                extra["max_hr"] = run["max_hr"]
            if kind == ".fit":
                extra.update(rpe=run["rpe"], elapsed_s=run["elapsed_s"],
                             feel=FEEL[number % len(FEEL)])
            WRITERS[kind](DATA / filename, run["start"], run["moving_s"], run["km"] * 1000,
                          **extra)
        name = "Long run" if run["day"] == 6 else ("Tempo" if run["day"] == 3 else "Easy run")
        rows.append(long_row(**{
            "Activity ID": activity_id, "Activity Date": strava_date(run["start"]),
            "Activity Name": name, "Activity Type": "Run", "Activity Description": "",
            "Elapsed Time#1": run["elapsed_s"], "Distance#1": f"{run['km']:.2f}",
            "Max Heart Rate#1": run["max_hr"] and f"{run['max_hr']:.1f}",
            "Commute#1": "false", "Filename": filename,
            "Elapsed Time#2": f"{run['elapsed_s']:.1f}", "Moving Time": f"{run['moving_s']:.1f}",
            "Distance#2": f"{run['km'] * 1000 + rng.uniform(-4, 4):.1f}",
            "Max Heart Rate#2": run["max_hr"] and f"{run['max_hr']:.1f}",
            "Average Heart Rate": run["avg_hr"] and f"{run['avg_hr']:.1f}",
            "Perceived Exertion": run["rpe"] and f"{run['rpe']:.1f}",
            "Commute#2": "0.0", "Media": "",
        }))
    write_csv(DATA / "activities.csv", HEADER_103, rows)
    write_group()


def write_group() -> None:
    """Four runners of the sample group, in the 2019 10-column header (distance in km)."""
    rng = np.random.default_rng(SEED + 1)
    for runner, weekly_km in GROUP.items():
        rows = []
        for week in range(GROUP_WEEKS):
            # Week 3 is each runner's big week (+40 %); the last week is cut short on Friday.
            week_km = weekly_km * (1.4 if week == 2 else 1.0)
            for day, share in RUN_DAYS.items():
                date = GROUP_FIRST_MONDAY + dt.timedelta(weeks=week, days=day)
                if week == GROUP_WEEKS - 1 and day > 4:
                    continue
                km = round(week_km * share * rng.uniform(0.9, 1.1), 2)
                seconds = round(km * 6.0 * 60 * rng.uniform(0.92, 1.08))
                start = dt.datetime.combine(date, dt.time(7, int(rng.integers(0, 60))))
                rows.append([str(20_000_000_000 + len(rows)), strava_date(start), "Run", "Run",
                             "", str(seconds), f"{km:.2f}", "false", "", ""])
        write_csv(DATA / "group" / runner / "activities.csv", HEADER_2019, rows)


if __name__ == "__main__":
    main()
    print(f"wrote {DATA}")
