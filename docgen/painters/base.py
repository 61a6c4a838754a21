"""What every painter shares: its file extension, and painting into a temporary file renamed into place.

A painter paints a ``TableLayout`` (``paint``) and, for the document formats, a ``ReportLayout``
(``paint_report``); it computes nothing. Files are written through ``files.atomic_path``, so an
interrupted run never leaves a truncated document and never loses the one an earlier run wrote.
"""

from __future__ import annotations

from pathlib import Path

from docgen.files import atomic_path
from docgen.layout.model import ReportLayout, TableLayout
from docgen.profiles.load import Profile


class Painter:
    """Base of the format painters: subclasses set ``extension`` and implement ``paint_to``; those that
    paint reports too set ``paints_reports`` and implement ``paint_report_to``."""

    extension = ""
    paints_reports = False

    def paint(self, layout: TableLayout, target: Path, profile: Profile) -> Path:
        """Paint ``layout`` into ``target`` atomically and return the path written."""
        with atomic_path(target) as temporary:
            self.paint_to(layout, temporary, profile)
        return target

    def paint_report(self, report: ReportLayout, target: Path, profile: Profile, tables: tuple[Path, ...]) -> Path:
        """Paint a report into ``target`` atomically; ``tables`` are the project tables this painter
        already wrote, for a format that can append them as they are."""
        with atomic_path(target) as temporary:
            self.paint_report_to(report, temporary, profile, tables)
        return target

    def paint_to(self, layout: TableLayout, path: Path, profile: Profile) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def paint_report_to(self, report: ReportLayout, path: Path, profile: Profile,
                        tables: tuple[Path, ...]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
