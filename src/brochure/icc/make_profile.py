"""Make src/brochure/icc/brochure-coated-cmyk.icc: a CMYK output profile with no third-party rights in it.

Why not ship a well-known profile? The familiar coated-paper profiles
(Adobe's, ECI's, basICColor's) come with licences that forbid changing them or
tie them to their vendor's terms, and the free CMYK profile in Debian
(Ghostscript's default_cmyk.icc) is AGPL. So this script models a press from
published facts and lets ArgyllCMS (`apt-get install argyll`) build the
profile. The profile is our own work, dedicated to the public domain (CC0).

The model, in short (good enough to turn brand colours and a logo into
sensible CMYK; a print shop that wants its own press characterisation
converts with its own profile):

- the solid colours and paper are the ISO 12647-2 aims for paper type 1/2
  (coated), black backing: paper L*95 a*0 b*-2, C 55/-37/-50,
  M 48/74/-3, Y 89/-5/93, K 16/0/0, R (M+Y) 47/68/48, G (C+Y) 50/-65/27,
  B (C+M) 24/22/-46, and C+M+Y about L*23;
- overprints with black: reflectances multiply relative to paper, above a
  first-surface reflection floor of 0.8 %;
- tone value increase 13 % at 50 % for C, M, Y and 16 % for K (a parabola),
  then Murray-Davies/Neugebauer mixing with Demichel weights in XYZ (D50);
- a 9-level grid of every C, M, Y, K combination (6,561 patches) goes to
  `colprof` with a 300 % total ink limit, 95 % black limit and a black ramp.

Run from anywhere: `python src/brochure/icc/make_profile.py` (needs
ArgyllCMS's `colprof`; the modelled measurements go to a temporary .ti3 file,
so only the profile is committed). `-nc` keeps those 6,561 rows out of the
profile, which stays about 120 KB.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
NAME = "brochure-coated-cmyk"
DESCRIPTION = "Brochure coated CMYK (ISO 12647-2 PT1 model, 300% TAC) v1"
COPYRIGHT = "No copyright: CC0 1.0 public domain dedication"

D50 = (0.9642, 1.0, 0.8249)
SURFACE = 0.008  # first-surface reflection: overprints never get darker than this
TVI = {"c": 0.13, "m": 0.13, "y": 0.13, "k": 0.16}
LEVELS = (0, 10, 20, 30, 40, 55, 70, 85, 100)

# ISO 12647-2 aims (paper type 1/2, black backing) for the chromatic overprints
CHROMATIC = {
    "": (95, 0, -2),
    "c": (55, -37, -50),
    "m": (48, 74, -3),
    "y": (89, -5, 93),
    "my": (47, 68, 48),
    "cy": (50, -65, 27),
    "cm": (24, 22, -46),
    "cmy": (23, 0, 0),
}
BLACK = (16, 0, 0)


def lab_to_xyz(lab: tuple[float, float, float]) -> tuple[float, ...]:
    lightness, a, b = lab
    fy = (lightness + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def f_inv(t: float) -> float:
        return t**3 if t**3 > 216 / 24389 else (116 * t - 16) / (24389 / 27)

    return tuple(w * f_inv(t) for w, t in zip(D50, (fx, fy, fz), strict=True))


def xyz_to_lab(xyz: tuple[float, ...]) -> tuple[float, float, float]:
    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, D50, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def primaries() -> dict[str, tuple[float, ...]]:
    """XYZ of all 16 Neugebauer primaries (every on/off combination of C, M, Y, K)."""
    paper = lab_to_xyz(CHROMATIC[""])
    black = lab_to_xyz(BLACK)
    out = {}
    for inks, lab in CHROMATIC.items():
        x = lab_to_xyz(lab)
        out[inks] = x
        out[inks + "k"] = tuple(
            SURFACE + (xi - SURFACE) * (ki - SURFACE) / (pi - SURFACE)
            for xi, ki, pi in zip(x, black, paper, strict=True)
        )
    return out


def coverage(value: float, ink: str) -> float:
    """Printed coverage of a nominal tone value (0..1): the plate's dot plus tone value increase."""
    return value + 4 * TVI[ink] * value * (1 - value)


def predict(cmyk: tuple[float, ...], prim: dict[str, tuple[float, ...]]) -> tuple[float, float, float]:
    cov = {ink: coverage(v, ink) for ink, v in zip("cmyk", cmyk, strict=True)}
    xyz = [0.0, 0.0, 0.0]
    for on in itertools.product((0, 1), repeat=4):
        weight = 1.0
        for ink, state in zip("cmyk", on, strict=True):
            weight *= cov[ink] if state else 1 - cov[ink]
        key = "".join(ink for ink, state in zip("cmyk", on, strict=True) if state)
        key = key.replace("k", "") + ("k" if "k" in key else "")
        for i in range(3):
            xyz[i] += weight * prim[key][i]
    return xyz_to_lab(tuple(xyz))


def write_ti3(path: Path) -> int:
    prim = primaries()
    rows = []
    for n, (c, m, y, k) in enumerate(itertools.product(LEVELS, repeat=4), start=1):
        lightness, a, b = predict((c / 100, m / 100, y / 100, k / 100), prim)
        rows.append(f"{n} {c:.2f} {m:.2f} {y:.2f} {k:.2f} {lightness:.4f} {a:.4f} {b:.4f}")
    head = [
        "CTI3",
        "",
        f'DESCRIPTOR "{DESCRIPTION}: modelled, not measured"',
        'ORIGINATOR "brochure src/brochure/icc/make_profile.py"',
        'DEVICE_CLASS "OUTPUT"',
        'COLOR_REP "CMYK_LAB"',
        "",
        "NUMBER_OF_FIELDS 8",
        "BEGIN_DATA_FORMAT",
        "SAMPLE_ID CMYK_C CMYK_M CMYK_Y CMYK_K LAB_L LAB_A LAB_B",
        "END_DATA_FORMAT",
        "",
        f"NUMBER_OF_SETS {len(rows)}",
        "BEGIN_DATA",
    ]
    path.write_text("\n".join([*head, *rows, "END_DATA", ""]), encoding="ascii")
    return len(rows)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ti3 = Path(tmp) / f"{NAME}.ti3"
        print(f"{write_ti3(ti3)} modelled patches -> {ti3}")
        args = ["-qm", "-nc", "-kr", "-l300", "-L95", "-D", DESCRIPTION, "-C", COPYRIGHT, "-O", f"{NAME}.icc"]
        subprocess.run(["colprof", "-v", *args, NAME], cwd=tmp, check=True)
        shutil.copyfile(Path(tmp) / f"{NAME}.icc", HERE / f"{NAME}.icc")


if __name__ == "__main__":
    main()
