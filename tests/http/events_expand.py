#!/usr/bin/python3
"""Expands every recurring VEVENT of an iCalendar feed (stdin) with Debian's python3-icalendar (parsing) and
python3-dateutil (RRULE), independently of Stadshart and of ical.js. RRULEs are expanded in the wall-clock of
DTSTART's zone (RFC 5545) and each occurrence is then placed in that zone with zoneinfo, so daylight-saving
changes are honoured. Prints JSON: [{"uid", "recurrence_id", "start", "end", "cancelled"}] in UTC ISO form, for
occurrences overlapping [from, to) (argv[1], argv[2], UTC ISO).

All-day events (DTSTART;VALUE=DATE) are dates, not instants: they are expanded on dates and printed with
"all_day": true and recurrence_id, start and end as "YYYY-MM-DD" (end exclusive, as DTEND). Whether such an
occurrence overlaps the range is decided on the days of the calendar's X-WR-TIMEZONE (else Europe/Amsterdam)."""
import json
import sys
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar, vRecur

UTC = timezone.utc


def iso(dt):
    return dt.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')


def zone_of(prop):
    tzid = prop.params.get('TZID')
    return ZoneInfo(tzid) if tzid else UTC


def is_date(value):
    return isinstance(value, date) and not isinstance(value, datetime)


def expand_all_day(ev, overrides, start_range, end_range, day_zone):
    """The occurrences of an all-day master: whole days, [start, end) as dates."""
    uid = str(ev['UID'])
    first = ev['DTSTART'].dt
    if 'DTEND' in ev:
        length = ev['DTEND'].dt - first
    elif 'DURATION' in ev:
        length = ev['DURATION'].dt
    else:
        length = timedelta(days=1)
    rule = dict(ev['RRULE'])
    if 'UNTIL' in rule:
        rule['UNTIL'] = [u.astimezone(day_zone).replace(tzinfo=None) if isinstance(u, datetime) and u.tzinfo else u
                         for u in rule['UNTIL']]
    rrule = rrulestr(vRecur(rule).to_ical().decode(), dtstart=datetime.combine(first, time()))
    exdates = set()
    exprops = ev.get('EXDATE', [])
    if not isinstance(exprops, list):
        exprops = [exprops]
    for ex in exprops:
        for d in ex.dts:
            exdates.add(d.dt.isoformat() if is_date(d.dt) else d.dt.date().isoformat())
    midnight = lambda d: datetime.combine(d, time(), day_zone)
    out = []
    for local in rrule:
        start = local.date()
        if midnight(start) >= end_range:
            break
        rid = start.isoformat()
        if rid in exdates:
            continue
        end = start + length
        cancelled = False
        over = overrides.get((uid, rid))
        if over is not None:
            cancelled = str(over.get('STATUS', '')).upper() == 'CANCELLED'
            start = over['DTSTART'].dt
            end = over['DTEND'].dt if 'DTEND' in over else start + length
        if str(ev.get('STATUS', '')).upper() == 'CANCELLED':
            cancelled = True
        if midnight(start) < end_range and midnight(end) > start_range:
            out.append({'uid': uid, 'recurrence_id': rid, 'start': start.isoformat(), 'end': end.isoformat(),
                        'cancelled': cancelled, 'all_day': True})
    return out


def main():
    cal = Calendar.from_ical(sys.stdin.buffer.read())
    start_range = datetime.fromisoformat(sys.argv[1].replace('Z', '+00:00'))
    end_range = datetime.fromisoformat(sys.argv[2].replace('Z', '+00:00'))
    overrides = {}
    masters = []
    for ev in cal.walk('VEVENT'):
        uid = str(ev['UID'])
        if 'RECURRENCE-ID' in ev:
            rid = ev['RECURRENCE-ID']
            if is_date(rid.dt):
                overrides[(uid, rid.dt.isoformat())] = ev
                continue
            rid_dt = rid.dt.replace(tzinfo=zone_of(rid)) if rid.dt.tzinfo is None or rid.params.get('TZID') else rid.dt
            overrides[(uid, iso(rid_dt))] = ev
        elif 'RRULE' in ev:
            masters.append(ev)
    day_zone = ZoneInfo(str(cal.get('X-WR-TIMEZONE', 'Europe/Amsterdam')))
    out = []
    for ev in masters:
        uid = str(ev['UID'])
        prop = ev['DTSTART']
        if is_date(prop.dt):
            out.extend(expand_all_day(ev, overrides, start_range, end_range, day_zone))
            continue
        zone = zone_of(prop)
        local_start = prop.dt.replace(tzinfo=None)
        duration = ev['DTEND'].dt.replace(tzinfo=zone) - prop.dt.replace(tzinfo=zone)
        rule = dict(ev['RRULE'])
        if 'UNTIL' in rule:
            rule['UNTIL'] = [u.astimezone(zone).replace(tzinfo=None) if u.tzinfo else u for u in rule['UNTIL']]
        rrule = rrulestr(vRecur(rule).to_ical().decode(), dtstart=local_start)
        exdates = set()
        exprops = ev.get('EXDATE', [])
        if not isinstance(exprops, list):
            exprops = [exprops]
        for ex in exprops:
            for d in ex.dts:
                exdates.add(iso(d.dt.replace(tzinfo=zone) if d.dt.tzinfo is None else d.dt))
        for local in rrule:
            start = local.replace(tzinfo=zone)
            if start >= end_range:
                break
            rid = iso(start)
            if rid in exdates:
                continue
            end = start + duration
            cancelled = False
            over = overrides.get((uid, rid))
            if over is not None:
                cancelled = str(over.get('STATUS', '')).upper() == 'CANCELLED'
                start = over['DTSTART'].dt.replace(tzinfo=zone_of(over['DTSTART']))
                end = over['DTEND'].dt.replace(tzinfo=zone_of(over['DTEND']))
            if str(ev.get('STATUS', '')).upper() == 'CANCELLED':
                cancelled = True
            if start < end_range and end > start_range:
                out.append({'uid': uid, 'recurrence_id': rid, 'start': iso(start), 'end': iso(end),
                            'cancelled': cancelled})
    json.dump(out, sys.stdout)


main()
