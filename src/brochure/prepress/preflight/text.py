"""The preflight report for people: what the file is, every finding with its fix, the verdict."""

from __future__ import annotations

from .model import BOX_NAMES, PT_PER_IN, SAFE_DISTANCE, Report


def _box_text(box: list[float] | None) -> str:
    if box is None:
        return "—"
    w, h = (box[2] - box[0]) / PT_PER_IN, (box[3] - box[1]) / PT_PER_IN
    return f"{w:.3f} × {h:.3f} in at ({box[0]:g}, {box[1]:g})"


def format_text(report: Report, strict: bool = False) -> str:
    """The report for people: what the file is, then every finding with a fix, then the verdict."""
    lines = [
        f"{report.path}: {len(report.pages)} page{'s' * (len(report.pages) != 1)}, profile {report.profile}"
        + (f", layout {report.layout}" if report.layout else "")
    ]
    groups: dict[tuple, list[int]] = {}
    for p in report.pages:
        groups.setdefault(tuple((k, tuple(v) if v else None) for k, v in p.boxes.items()), []).append(p.number)
    lines.append("Pages and boxes")
    for key, numbers in groups.items():
        boxes = dict(key)
        lines.append(f"  pages {_ranges(numbers)}:")
        for name in BOX_NAMES:
            if boxes[name] is not None or name in ("TrimBox", "BleedBox"):
                lines.append(f"    {name:9} {_box_text(list(boxes[name]) if boxes[name] else None)}")
    lines.append("Fonts")
    for f in report.fonts:
        state = ("embedded" if f.embedded else "NOT EMBEDDED") + (", subset" if f.subset else "")
        lines.append(f"  {f.name} ({f.subtype}): {state}; pages {_ranges(f.pages)}")
    if not report.fonts:
        lines.append("  none")
    lines.append("Colour spaces")
    for fam, where in report.colorspaces.items():
        lines.append(f"  {fam}: " + "; ".join(f"{w} on pages {_ranges(p)}" for w, p in sorted(where.items())))
    lines.append(f"  output intent: {'; '.join(str(oi) for oi in report.output_intents) or 'none'}")
    lines.append("Images")
    for im in report.images:
        lines.append(
            f"  page {im.page}: {im.pixels[0]} × {im.pixels[1]} px {im.colorspace}, placed "
            f"{im.placed_in[0]:.2f} × {im.placed_in[1]:.2f} in → {im.ppi:.0f} ppi"
        )
    if not report.images:
        lines.append("  none")
    lines.append("Text")
    if report.body_text_pt is None:
        lines.append("  no text")
    else:
        lines.append(f"  body (most used) {report.body_text_pt:g} pt; smallest {report.smallest_text_pt:g} pt")
        close = report.near_edges
        for n, xs in sorted(report.folds.items()):
            lines.append(f"  page {n} folds at " + ", ".join(f"{x:.3f} in" for x in xs) + " from the left trim")
        lines.append(
            f"  within {SAFE_DISTANCE / PT_PER_IN:g} in of trim or fold: "
            + (f"{len(close)} place{'s' * (len(close) != 1)}" if close else "none")
        )
    if report.findings:
        lines.append("Findings")
        for finding in report.findings:
            lines.append(f"  {finding.severity}: {finding.message}  [{finding.rule}]")
            if finding.fix:
                lines.append(f"    fix: {finding.fix}")
    counts = [
        f"{report.count(s)} {w}{'s' * (report.count(s) != 1)}"
        for s, w in (("error", "error"), ("warning", "warning"), ("info", "note"))
        if report.count(s)
    ]
    verdict = "FAILED" if report.failed(strict) else "passed"
    lines.append(f"{verdict} {report.profile}" + (f" ({', '.join(counts)})" if counts else ""))
    return "\n".join(lines)


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → '1–3, 5'."""
    out, nums = [], sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)
