"""Stage 4: checked evaluations → the figures of each department and year that the reports and
汇总.xlsx show, computed once."""
