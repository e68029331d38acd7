"""What the stage 2 and 3 views share: fetching the plan, the version check, the stepper."""

from django.shortcuts import get_object_or_404

from plans.forms_goals import StageVersionForm
from plans.models import Plan
from plans.stages import plan_stages

OVERWRITE = "overwrite"


def owned_plan(request, pk: int) -> Plan:
    queryset = Plan.objects.owned_by(request.user).select_related("counterparty__country")
    return get_object_or_404(queryset, pk=pk)


def version_form(request, plan: Plan, stage: str) -> StageVersionForm:
    version = getattr(plan, f"{stage}_version")
    if request.method == "POST":
        return StageVersionForm(request.POST)
    return StageVersionForm(initial={"version": version})


def base_context(plan: Plan, stage: str, version: StageVersionForm) -> dict:
    return {
        "plan": plan,
        "stages": plan_stages(plan),
        "current": stage,
        "version_form": version,
        "saved_at": getattr(plan, f"{stage}_saved_at"),
        "overwrite_name": OVERWRITE,
    }
