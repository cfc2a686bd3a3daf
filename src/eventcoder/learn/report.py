"""What ``eventcoder train`` prints of a trained model: its cross-validated scores, policy and
role tagger, from the model's ``info``."""

from __future__ import annotations

from dataclasses import asdict

from .model import EventClassifier


def summary(model: EventClassifier) -> str:
    info = model.info
    lines = [f"{info.get('sentences')} sentences, labels: {info.get('per_label')}"]
    for key in ("cv_rules_alone", "cv_classifier_alone", "cv_combined"):
        if key in info:
            s = info[key]
            lines.append(
                f"{key}: macro-F1 {s['macro_f1']:.3f}, any-event recall {s['any_event_recall']:.3f}, "
                f"false-event rate {s['false_event_rate']:.3f}"
            )
    tuned = info.get("tuned_on")
    if tuned:
        for key, s in tuned.items():
            if isinstance(s, dict):
                lines.append(
                    f"on {tuned['file']}, {key}: accuracy {s['accuracy']:.3f}, macro-F1 "
                    f"{s['macro_f1']:.3f}, no event {s['no_event']:.3f}"
                )
    if "fine_tuned" in info:
        ft = info["fine_tuned"]
        lines.append(f"fine-tuned the top {ft['layers']} encoder layers, {ft['epochs']} epochs "
                     f"(loss by epoch {ft['loss_by_epoch']})")  # fmt: skip
    if "older_roots_resolved" in info:
        lines.append(f"older roots split: {info['older_roots_resolved']}")
    for role, cv in info.get("roles", {}).get("cv", {}).items():
        was, now = cv["rules_alone"], cv["chosen"]
        lines.append(f"role tagger, {role}: {cv['policy']} (cross-validated overlap "
                     f"{was['overlap']:.3f} -> {now['overlap']:.3f}, F1 {was['f1']:.3f} -> "
                     f"{now['f1']:.3f})")  # fmt: skip
    lines.append(f"policy: {model.policy.describe()}  ({asdict(model.policy)})")
    return "\n".join(lines)
