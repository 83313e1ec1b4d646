"""Tests of render.py's target verdicts: python3 exchange-bench/scripts/test_render.py"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402


def targets(props):
    out = []
    with tempfile.TemporaryDirectory() as bench_dir:
        render.targets_section(out, {}, bench_dir, props)
    return next(line for line in out if "fanned out to all 900+ units" in line)


class FanOutTarget(unittest.TestCase):

    def test_fast_fan_out_to_a_dozen_units_does_not_meet_the_900_units_target(self):
        row = targets({"fanout.max_ms": "150", "fanout.median_ms": "120", "fanout.cold_ms": "900",
                       "fanout.recipients": "12"})
        self.assertNotIn("**met**", row)
        self.assertNotIn("969", row)
        self.assertIn("12 recipients", row)

    def test_the_recipients_measured_are_what_the_row_says(self):
        row = targets({"fanout.max_ms": "150", "fanout.median_ms": "120", "fanout.cold_ms": "900",
                       "fanout.recipients": "969"})
        self.assertIn("**met**", row)
        self.assertIn("969 recipients", row)

    def test_without_a_recipient_count_the_target_is_not_claimed(self):
        row = targets({"fanout.max_ms": "150", "fanout.median_ms": "120", "fanout.cold_ms": "900"})
        self.assertNotIn("**met**", row)


if __name__ == "__main__":
    unittest.main()
