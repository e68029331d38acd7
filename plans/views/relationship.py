from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from plans.forms_relationship import (
    DecisionMakerForm,
    KeepItemFormSet,
    LearnItemFormSet,
    OccasionFormSet,
    PlanQuestionFormSet,
    QuestionPickForm,
    TellItemFormSet,
    people_choices,
)
from plans.models import DecisionMakerBelief, Occasion, Plan, QuestionTemplate
from plans.services import StageConflict, plan_relationship_save
from plans.views.stage_common import OVERWRITE, base_context, owned_plan, version_form


def decision_belief(plan: Plan) -> DecisionMakerBelief:
    try:
        return DecisionMakerBelief.objects.select_related("person").get(plan=plan)
    except ObjectDoesNotExist:
        return DecisionMakerBelief(plan=plan)


def _saved_values(plan: Plan) -> dict:
    """What is in the database now: shown beside the user's input after a conflict."""
    belief = decision_belief(plan)
    return {
        "learn": list(plan.learn_items.all()),
        "tell": list(plan.tell_items.all()),
        "keep": list(plan.keep_items.all()),
        "questions": list(plan.questions.all()),
        "occasions": list(Occasion.objects.with_attendees().filter(plan=plan)),
        "belief": belief,
        "decider": belief.current_person(),
    }


@require_http_methods(["GET", "POST"])
def plan_relationship(request, pk):
    plan = owned_plan(request, pk)
    data = request.POST if request.method == "POST" else None
    version = version_form(request, plan, "relationship")
    people = people_choices(plan)
    templates = list(QuestionTemplate.objects.filter(is_active=True))
    learn = LearnItemFormSet(data, instance=plan, prefix="learn")
    tell = TellItemFormSet(data, instance=plan, prefix="tell")
    keep = KeepItemFormSet(data, instance=plan, prefix="keep")
    questions = PlanQuestionFormSet(data, instance=plan, prefix="questions")
    occasions = OccasionFormSet(
        data,
        instance=plan,
        prefix="occasions",
        queryset=Occasion.objects.with_attendees(),
        form_kwargs={"people": people},
    )
    pick = QuestionPickForm(data, templates=templates, prefix="pick")
    decision = DecisionMakerForm(data, instance=decision_belief(plan), people=people)
    formsets = [learn, tell, keep, questions, occasions]
    conflict = None
    if request.method == "POST":
        valid = [version.is_valid(), pick.is_valid(), decision.is_valid()]
        valid += [formset.is_valid() for formset in formsets]
        if all(valid):
            try:
                plan_relationship_save(
                    plan=plan,
                    expected_version=version.cleaned_data["version"],
                    overwrite=OVERWRITE in request.POST,
                    formsets=formsets,
                    picked=list(pick.cleaned_data["library"]),
                    decision=decision,
                )
            except StageConflict:
                plan.refresh_from_db()
                conflict = _saved_values(plan)
                messages.warning(
                    request,
                    "The relationship plan was saved elsewhere (another tab or device) after "
                    "you opened this page. Nothing of yours was saved yet: compare, then choose.",
                )
            except ValidationError as error:
                decision.add_error(None, error)
                messages.error(request, "Nothing was saved: correct the fields marked below.")
            else:
                messages.success(request, "Relationship plan saved.")
                return redirect("plans:relationship", pk=plan.pk)
        else:
            messages.error(request, "Nothing was saved: correct the fields marked below.")
    context = base_context(plan, "relationship", version)
    context.update(
        {
            "learn": learn,
            "tell": tell,
            "keep": keep,
            "questions": questions,
            "occasions": occasions,
            "pick": pick,
            "has_templates": bool(templates),
            "decision": decision,
            "has_people": bool(people["choices"]),
            "conflict": conflict,
        }
    )
    return render(request, "plans/plan_relationship.html", context, status=409 if conflict else 200)
