"""When a reminder is due: 09:00 on a local day, in the recipient's IANA zone, as a UTC instant."""

import datetime as dt
import zoneinfo

from django.conf import settings


def due_instant(day: dt.date, zone_name: str) -> dt.datetime:
    """The UTC instant of REMINDERS_LOCAL_TIME (09:00) on `day` in `zone_name`.

    zoneinfo resolves the offset in force on that day, so a reminder on the
    day clocks change still arrives at 09:00 local (none of the world's zones
    skips or repeats 09:00; `fold=0` picks the first if one ever does).
    """
    local = dt.datetime.combine(day, settings.REMINDERS_LOCAL_TIME, tzinfo=zoneinfo.ZoneInfo(zone_name))
    return local.astimezone(dt.UTC)


def local_today(now: dt.datetime, zone_name: str) -> dt.date:
    return now.astimezone(zoneinfo.ZoneInfo(zone_name)).date()
