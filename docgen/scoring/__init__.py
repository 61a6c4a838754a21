"""Stage 2: evaluation records → scored records, by the rules of 财预〔2020〕10号 (pure functions)."""
