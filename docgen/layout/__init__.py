"""Stage 5: scored evaluations (+ profile) → the one layout model every format paints: a ``TableLayout``
per evaluation, a ``ReportLayout`` per department report or audit report."""
