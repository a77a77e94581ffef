"""Fuzzing profiles: a bounded example count in CI, a long run under `nox -s fuzz`.

`CLEANER_FUZZ_EXAMPLES` sets how many generated inputs each fuzz test tries (default 100, so the suite stays quick);
`nox -s fuzz` sets it to 10,000. Generation is derandomised so that a CI failure reproduces.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "100")),
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

#: Fuzz tests decorate themselves with this so the profile applies to them only, not to the rest of the suite.
FUZZ = settings.get_profile("fuzz")
