"""Likely duplicate candidates (detection) and merging two records into one (merging).

The models are in talent.models.duplicates; what other apps register for a
merge is in talent.merge.
"""

from talent.duplicates.detection import RebuildReport, duplicates_rebuild, duplicates_refresh_for

__all__ = ["RebuildReport", "duplicates_rebuild", "duplicates_refresh_for"]
