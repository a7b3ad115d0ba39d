"""Read GPX and TCX activity files, streamed a chunk at a time.

- **GPX** with ``gpxpy``: maintained, and it computes moving time and track length the
  way GPX tools usually do; heart rate comes from Garmin's TrackPointExtension.
- **TCX** with the standard library's ``xml.etree``: TCX carries its totals in plain
  ``Lap`` elements, so no track maths is needed, and the parser reads the bytes of a
  ``.tcx.gz`` directly (``tcxreader`` only opens a path, so a gzipped file would need a
  temporary copy), with one dependency fewer.

Both are parsed with ``xml.etree.ElementTree.iterparse``, so a file of any length is read
in the memory of one track point.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.runs.activity_record import _FILE_TYPES, _Activity, _plain_float, _utc_naive

_TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def _elements(stream, label: str, unreadable: str, root: str):
    """``(parent, element)`` as each element ends, read from ``stream`` a chunk at a time.

    Whoever iterates removes what it has read from ``parent``, so a file of any length
    is parsed in the memory of one track point, never held whole.
    """
    stack: list[ET.Element] = []
    try:
        for event, element in ET.iterparse(stream, events=("start", "end")):
            if event == "start":
                if not stack and element.tag.rpartition("}")[2] != root:
                    raise DataFileError([Problem(label, "file", f"{unreadable} (its root "
                                                 f"element is not <{root}>)")])
                stack.append(element)
                continue
            stack.pop()
            yield (stack[-1] if stack else None), element
    except ET.ParseError as error:
        raise DataFileError([Problem(label, "file", f"{unreadable} ({error})")]) from None


def _read_gpx(stream, label: str) -> _Activity:
    """Start, type, moving and elapsed time, length and heart rate of a GPX track.

    Streamed with ``xml.etree.ElementTree.iterparse``; the measures are gpxpy's own
    (``length_2d``, ``get_moving_data`` with its 1 km/h stopped threshold,
    ``get_time_bounds``), computed point by point with its distance function.
    """
    from gpxpy.geo import distance
    from gpxpy.gpx import DEFAULT_STOPPED_SPEED_THRESHOLD, GPXException
    from gpxpy.gpxfield import parse_time

    tracks, name, kind = 0, None, None
    start = end = previous = None
    length = moving_s = 0.0
    heart_count, heart_sum, heart_max = 0, 0.0, None
    for parent, element in _elements(stream, label, "is not a readable GPX file", "gpx"):
        tag = element.tag.rpartition("}")[2]
        parent_tag = parent.tag.rpartition("}")[2] if parent is not None else ""
        if tag == "trkpt" and parent_tag == "trkseg":
            try:
                lat, lon = float(element.get("lat")), float(element.get("lon"))
                elevation = time = None
                for child in element:
                    child_tag = child.tag.rpartition("}")[2]
                    if child_tag == "ele" and child.text:
                        elevation = float(child.text)
                    elif child_tag == "time":
                        time = parse_time((child.text or "").strip())
                heart = [float(h.text) for h in element.iter() if h.tag.endswith("}hr")]
            except (TypeError, ValueError, GPXException) as error:
                raise DataFileError([Problem(label, "trkpt", "is not a readable GPX track "
                                             f"point ({error})")]) from None
            time = _utc_naive(time) if time else None
            if previous is not None:
                p_lat, p_lon, p_elevation, p_time = previous
                step = distance(lat, lon, None, p_lat, p_lon, None)
                length += step or 0.0
                if time and p_time:
                    seconds = (time - p_time).total_seconds()
                    if elevation and p_elevation:
                        step = distance(lat, lon, elevation, p_lat, p_lon, p_elevation)
                    if seconds > 0 and step and (
                            step / 1000 / (seconds / 3600) > DEFAULT_STOPPED_SPEED_THRESHOLD):
                        moving_s += seconds
            previous = (lat, lon, elevation, time)
            if time:
                start, end = start or time, time
            for value in heart:
                heart_count, heart_sum = heart_count + 1, heart_sum + value
                heart_max = value if heart_max is None else max(heart_max, value)
            parent.remove(element)
        elif tag == "trkseg":
            previous = None
        elif tag in ("name", "type") and parent_tag == "trk" and tracks == 0:
            if tag == "name":
                name = element.text
            else:
                kind = element.text
        elif tag == "trk" and parent is not None:
            tracks += 1
            parent.remove(element)
    if not tracks or start is None:
        raise DataFileError([Problem(label, "trk", "the GPX file holds no timed track "
                                     "points")])
    return _Activity(
        start=start, type=_FILE_TYPES.get((kind or "").lower(), kind), name=name,
        moving_s=moving_s, elapsed_s=(end - start).total_seconds(), distance_m=length,
        avg_hr=heart_sum / heart_count if heart_count else None, max_hr=heart_max,
    )


def _read_tcx(stream, label: str) -> _Activity:
    """Totals of a TCX activity's laps, streamed as for GPX."""
    problems = Problems()

    def lap_number(lap, tag, record):
        text = lap.findtext(tag)
        if text is None:
            return None
        value = _plain_float(text.strip())
        if value is None:
            problems.add(label, tag.replace(_TCX, ""), "is not a finite number",
                         text, record)
        return value

    activities, sport, start_text, first_lap_start = 0, "", None, None
    seconds, metres, hr_weighted, hr_max, times = [], [], [], [], []
    for parent, element in _elements(stream, label, "is not readable TCX (XML)",
                                       "TrainingCenterDatabase"):
        parent_tag = parent.tag if parent is not None else ""
        if element.tag == f"{_TCX}Activity" and parent_tag == f"{_TCX}Activities":
            activities += 1
            if activities == 1:
                sport = element.get("Sport", "")
            parent.remove(element)
        elif activities:
            # Only the first activity is read; the rest is dropped as it is parsed.
            if element.tag in (f"{_TCX}Trackpoint", f"{_TCX}Lap"):
                parent.remove(element)
        elif element.tag == f"{_TCX}Time":
            moment = _iso_time(element.text or "")
            if moment is not None:
                times.append(moment)
        elif element.tag == f"{_TCX}Trackpoint":
            parent.remove(element)
        elif element.tag == f"{_TCX}Id" and parent_tag == f"{_TCX}Activity":
            start_text = element.text
        elif element.tag == f"{_TCX}Lap" and parent_tag == f"{_TCX}Activity":
            record = len(seconds) + 1
            if record == 1:
                first_lap_start = element.get("StartTime", "")
            lap_s = lap_number(element, f"{_TCX}TotalTimeSeconds", record)
            seconds.append(lap_s)
            metres.append(lap_number(element, f"{_TCX}DistanceMeters", record))
            average = lap_number(element, f"{_TCX}AverageHeartRateBpm/{_TCX}Value", record)
            if average is not None and lap_s:
                hr_weighted.append((average, lap_s))
            top = lap_number(element, f"{_TCX}MaximumHeartRateBpm/{_TCX}Value", record)
            if top is not None:
                hr_max.append(top)
            parent.remove(element)
    if not seconds:
        raise DataFileError([Problem(label, "Activity", "the TCX file holds no activity "
                                     "with laps")])
    start_text = start_text or first_lap_start or ""
    start = _iso_time(start_text)
    if start is None:
        problems.add(label, "Id", "is not an ISO date and time", start_text)
    problems.raise_if_any()
    timer_s = sum(s for s in seconds if s is not None) if any(seconds) else None
    elapsed = (max(times) - min(times)).total_seconds() if len(times) > 1 else timer_s
    return _Activity(
        start=start, type=_FILE_TYPES.get(sport.lower(), sport or None),
        moving_s=timer_s, elapsed_s=max(elapsed, timer_s or 0),
        distance_m=sum(m for m in metres if m is not None) if any(
            m is not None for m in metres) else None,
        avg_hr=(sum(h * s for h, s in hr_weighted) / sum(s for _, s in hr_weighted)
                if hr_weighted else None),
        max_hr=max(hr_max) if hr_max else None,
    )


def _iso_time(text: str) -> dt.datetime | None:
    try:
        return _utc_naive(dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        return None
