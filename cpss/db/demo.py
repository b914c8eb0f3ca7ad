"""Demo assessments of a fictional country, so a newcomer sees a filled-in example at once."""

from __future__ import annotations

from pathlib import Path

import yaml

from cpss.db import assessments
from cpss.db.core import Db
from cpss.model.answers import RATED, Answer
from cpss.model.assessments import DEMO_COUNTRY_CODE, FINAL, AssessmentDetails
from cpss.model.framework import Framework

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo.yaml"
DEMO_AUTHOR = "demo data"


def load_demo(db: Db, framework: Framework) -> list[str]:
    """Add the demo assessments unless they are already there; return their ids, oldest first."""
    existing = assessments.list_all(db)
    existing = existing[existing["is_demo"]].sort_values("assessment_date")
    if len(existing):
        return list(existing["id"])
    document = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    return [_add(db, framework, document["country"], item) for item in document["assessments"]]


def _add(db: Db, framework: Framework, country: str, item: dict) -> str:
    details = AssessmentDetails(
        DEMO_COUNTRY_CODE, country, item["title"], item["date"], assessor=item.get("assessor", "")
    )
    assessment_id = assessments.create(db, details, framework.version, DEMO_AUTHOR, is_demo=True)
    for subdomain_id, fields in item["answers"].items():
        framework.subdomain(subdomain_id)  # a typo in the demo file fails loudly here
        status = fields.pop("answer", RATED)
        assessments.save_answer(
            db, assessment_id, subdomain_id, Answer(status=status, **fields), DEMO_AUTHOR
        )
    if item.get("status") == FINAL:
        assessments.set_status(db, assessment_id, FINAL, DEMO_AUTHOR)
    return assessment_id
