"""Find the largest type size on a 0.25 pt grid at which a fixed layout fits.

Stepping down one grid step at a time laid a flyer out up to nine times when
a translation only fits near the minimum size. Most handouts fit as designed,
so step 0 is tried first; beyond it the answer is bisected (three layouts for
eight steps). Fitting is monotone in the size in practice (smaller type never
needs more room), which bisection assumes; if it ever is not, the answer
still fits and is never below the minimum, it may just be a step smaller than
it could be.
"""

from __future__ import annotations

from collections.abc import Callable


def smallest_fitting_step(steps: int, fits: Callable[[int], bool]) -> int:
    """The smallest k in 0..steps for which `fits(k)`, or `steps` when none does.

    Step 0 is the layout's own type size and `steps` its minimum; `fits` lays
    the handout out at a step and says whether everything found room. The
    minimum itself is not tried: it is the answer when nothing larger fits,
    and the final drawing reports whatever does not fit there.
    """
    if fits(0):
        return 0
    lo, hi = 0, steps  # lo is known not to fit; hi fits, or is the floor we stop at
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid
    return hi
