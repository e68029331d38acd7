from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from plans.forms_goals import GoalAssessmentForm, RoadmapStepFormSet, say_early_forms
from plans.goals import SIGNALS, assess, roadmap_totals, spectrum_geometry
from plans.models import GoalAssessment, Plan, RoadmapStep
from plans.services import StageConflict, plan_goals_save
from plans.views.stage_common import OVERWRITE, base_context, owned_plan, version_form


def _assessment(plan: Plan) -> GoalAssessment:
    try:
        return GoalAssessment.objects.get(plan=plan)
    except ObjectDoesNotExist:
        return GoalAssessment(plan=plan)


def goals_summary(plan: Plan, assessment: GoalAssessment, steps: list[RoadmapStep]) -> dict:
    """The stance, spectrum and roadmap sums for a stage 2 summary (no queries)."""
    stance = assess(assessment.answers(), assessment.notes())
    totals = roadmap_totals(
        [step.value for step in steps],
        deal_total=plan.total_deal_value,
        first_order=plan.first_order_value,
        currency=plan.currency,
    )
    return {
        "stance": stance,
        "spectrum": spectrum_geometry(stance.position),
        "steps_with_totals": list(zip(steps, totals.running, strict=True)),
        "totals": totals,
    }


def _saved_values(plan: Plan) -> dict:
    """What is in the database now: shown beside the user's input after a conflict."""
    assessment = _assessment(plan)
    steps = list(plan.roadmap_steps.all())
    context = goals_summary(plan, assessment, steps)
    context.update(
        {
            "assessment": assessment,
            "answers": [
                (signal, getattr(assessment, f"get_{signal.key}_display")()) for signal in SIGNALS
            ],
            "say_early": list(plan.say_early_items.all()),
        }
    )
    return context


@require_http_methods(["GET", "POST"])
def plan_goals(request, pk):
    plan = owned_plan(request, pk)
    data = request.POST if request.method == "POST" else None
    version = version_form(request, plan, "goals")
    assessment = _assessment(plan)
    steps = RoadmapStepFormSet(
        data,
        instance=plan,
        prefix="steps",
        initial=[{"value": plan.first_order_value, "position": 1}],
    )
    say_early = say_early_forms(plan, list(plan.say_early_items.all()), data)
    form = GoalAssessmentForm(data, instance=assessment, prefix="goals")
    conflict = None
    if request.method == "POST":
        valid = [version.is_valid(), form.is_valid(), steps.is_valid()]
        valid += [f.is_valid() for f in say_early]
        if all(valid):
            try:
                plan_goals_save(
                    plan=plan,
                    expected_version=version.cleaned_data["version"],
                    overwrite=OVERWRITE in request.POST,
                    assessment=form,
                    steps=steps,
                    say_early=say_early,
                )
            except StageConflict:
                plan.refresh_from_db()
                conflict = _saved_values(plan)
                messages.warning(
                    request,
                    "Goals were saved elsewhere (another tab or device) after you opened this "
                    "page. Nothing of yours was saved yet: compare, then choose.",
                )
            else:
                messages.success(request, "Goals saved.")
                return redirect("plans:goals", pk=plan.pk)
        else:
            messages.error(request, "Nothing was saved: correct the fields marked below.")
    saved_steps = list(steps.get_queryset())
    context = base_context(plan, "goals", version)
    context.update(goals_summary(plan, assessment, saved_steps))
    context.update(
        {
            "form": form,
            "steps": steps,
            "say_early": say_early,
            "confidential_note": True,
            "conflict": conflict,
        }
    )
    return render(request, "plans/plan_goals.html", context, status=409 if conflict else 200)
