"""Demo assessments of a fictional country, so a newcomer sees a filled-in example at once."""

from __future__ import annotations

from pathlib import Path

import yaml

from cpss.db import assessments, investment, plans
from cpss.db.core import Db
from cpss.model.answers import RATED, Answer
from cpss.model.assessments import DEMO_COUNTRY_CODE, FINAL, AssessmentDetails
from cpss.model.framework import Framework
from cpss.model.investment import Budget, Spend, parse_amount
from cpss.model.plans import ActionItem

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
    for action in item.get("plan", []):
        _add_action(db, framework, assessment_id, action)
    if item.get("status") == FINAL:
        assessments.set_status(db, assessment_id, FINAL, DEMO_AUTHOR)
    return assessment_id


def _add_action(db: Db, framework: Framework, assessment_id: str, action: dict) -> None:
    """One action of the demo plan with its made-up budget, shares and spending."""
    subdomains = action["subdomains"]
    for subdomain_id in subdomains:
        framework.subdomain(subdomain_id)  # a typo fails loudly here
    item = ActionItem(
        action["what"], action["owner"], status=action["status"], subdomain_id=subdomains[0]
    )
    item_id = plans.add_item(db, assessment_id, item, DEMO_AUTHOR)
    money = action["budget"]
    budget = Budget(
        parse_amount(money["amount"]), money["currency"], money["funder"], money.get("donor", "")
    )
    investment.set_budget(db, item_id, budget, DEMO_AUTHOR)
    shares = action.get("shares") or [None] * len(subdomains)
    investment.set_shares(db, item_id, dict(zip(subdomains, shares)), DEMO_AUTHOR)
    for entry in action.get("spend", []):
        spend = Spend(
            entry["date"], parse_amount(entry["amount"]), entry["currency"], entry["note"]
        )
        investment.add_spend(db, item_id, spend, DEMO_AUTHOR)
