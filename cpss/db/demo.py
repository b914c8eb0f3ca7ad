"""Demo assessments of a fictional country, so a newcomer sees a filled-in example at once."""

from __future__ import annotations

from pathlib import Path

import yaml

from cpss.model.answers import RATED, Answer
from cpss.model.assessments import DEMO_COUNTRY_CODE, FINAL, AssessmentDetails
from cpss.model.framework import Framework
from cpss.db.assessments import Store

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo.yaml"
DEMO_AUTHOR = "demo data"


def load_demo(store: Store, framework: Framework) -> list[str]:
    """Add the demo assessments unless they are already there; return their ids, oldest first."""
    existing = store.list_assessments()
    existing = existing[existing["is_demo"]].sort_values("assessment_date")
    if len(existing):
        return list(existing["id"])
    document = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    return [_add(store, framework, document["country"], item) for item in document["assessments"]]


def _add(store: Store, framework: Framework, country: str, item: dict) -> str:
    details = AssessmentDetails(DEMO_COUNTRY_CODE, country, item["title"], item["date"],
                                assessor=item.get("assessor", ""))
    assessment_id = store.create_assessment(details, framework.version, DEMO_AUTHOR, is_demo=True)
    for subdomain_id, fields in item["answers"].items():
        framework.subdomain(subdomain_id)  # a typo in the demo file fails loudly here
        status = fields.pop("answer", RATED)
        store.save_answer(assessment_id, subdomain_id, Answer(status=status, **fields), DEMO_AUTHOR)
    if item.get("status") == FINAL:
        store.set_status(assessment_id, FINAL, DEMO_AUTHOR)
    return assessment_id
