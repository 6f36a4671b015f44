"""The table of hostile packets, meetings and sends (tests/bad_inputs/hostile_packets.py), collected here beside
the fixtures it uses."""

from bad_inputs.hostile_packets import (  # noqa: F401 (collected by pytest)
    good_project,
    test_hostile_input,
    test_the_table_is_long_enough,
    test_verifying_a_packet_whose_entry_inflates_to_200_mb_stays_within_100_mb,
)
