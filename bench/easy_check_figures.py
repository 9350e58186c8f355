"""Precision and recall of each easy-language rule on the labelled corpus in tests/.

    .venv/bin/python bench/easy_check_figures.py

Prints one line per language and rule: true positives, false positives, false negatives,
precision and recall, then every sentence the checker gets wrong, so a change to a rule
shows what it fixed and what it broke.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.content.easy_check import SENTENCE_RULES, sentence_rules

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "easy_corpus"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def read_corpus(lang: str) -> list[tuple[set[str], str]]:
    out = []
    for line in (CORPUS / f"{lang}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        labels, sentence = line.split("\t")
        out.append(({x for x in labels.split(",") if x != "-"}, sentence))
    return out


def score(lang: str) -> dict[str, Score]:
    scores = {rule: Score() for rule in SENTENCE_RULES}
    for labels, sentence in read_corpus(lang):
        found = sentence_rules(sentence, lang)
        for rule, s in scores.items():
            if rule in found and rule in labels:
                s.tp += 1
            elif rule in found:
                s.fp += 1
                s.wrong.append(f"false alarm: {sentence}")
            elif rule in labels:
                s.fn += 1
                s.wrong.append(f"missed: {sentence}")
    return scores


def main() -> None:
    for lang in ("de", "en"):
        print(f"{lang}: {len(read_corpus(lang))} sentences")
        for rule, s in score(lang).items():
            print(
                f"  {rule:16} tp {s.tp:3} fp {s.fp:2} fn {s.fn:2}  "
                f"precision {s.precision:.3f}  recall {s.recall:.3f}"
            )
        for rule, s in score(lang).items():
            for line in s.wrong:
                print(f"    [{rule}] {line}")


if __name__ == "__main__":
    main()
