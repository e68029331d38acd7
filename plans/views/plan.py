from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from accounts.services import profile_for
from counterparties.models import Counterparty, CultureAdjustment
from countries.briefings import briefing_for
from plans import gaps
from plans.charts import grouped_chart
from plans.culture import edition_variances, guidance_for, plan_gap_analysis
from plans.currencies import currency_for_country
from plans.forms import GapNotesForm, PlanForm
from plans.models import GoalAssessment, LearnItem, Plan
from plans.readiness import next_occasion, plan_facts, readiness_checklist, stage_urls
from plans.services import (
    SwitchDetachments,
    SwitchNeedsConfirmation,
    plan_create,
    plan_details_save,
    plan_gap_notes_save,
)
from plans.stages import plan_stages
from plans.views.goals import goals_summary

DASHBOARD_PLANS = 20
DASHBOARD_COUNTERPARTIES = 10


def _owned_plan(request, pk: int) -> Plan:
    queryset = Plan.objects.owned_by(request.user).select_related(
        "counterparty__country", "our_country", "edition"
    )
    queryset = queryset.prefetch_related(
        Prefetch("counterparty__adjustments", queryset=CultureAdjustment.objects.order_by())
    )
    return get_object_or_404(queryset, pk=pk)


def _gap_context(plan: Plan, profile) -> dict:
    analysis = plan_gap_analysis(plan, profile, edition_variances(plan.edition))
    return {
        "analysis": analysis,
        "chart": grouped_chart(analysis),
        "guidance": guidance_for(analysis),
        "bands": gaps.band_thresholds(),
        "ours_label": f"Your side ({plan.our_country.name})",
        "theirs_label": f"{plan.counterparty.name} ({plan.counterparty.country.name})",
        "personal_used": any(g.ours_adjusted for g in analysis.gaps),
        "adjusted_used": any(g.theirs_adjusted for g in analysis.gaps),
    }


@require_safe
def dashboard(request):
    profile = profile_for(request.user)
    plans = (
        Plan.objects.owned_by(request.user)
        .select_related("counterparty__country")
        .with_counterparty_namesakes()
        .by_next_meeting()[:DASHBOARD_PLANS]
    )
    counterparties = (
        Counterparty.objects.owned_by(request.user)
        .select_related("country")
        .with_namesakes()
        .annotate(plan_count=Count("plans", distinct=True))
        .order_by("-updated_at")[:DASHBOARD_COUNTERPARTIES]
    )
    return render(
        request,
        "plans/dashboard.html",
        {"profile": profile, "plans": plans, "counterparties": counterparties},
    )


@require_safe
def plan_list(request):
    plans = (
        Plan.objects.owned_by(request.user)
        .select_related("counterparty__country")
        .with_counterparty_namesakes()
        .by_next_meeting()
    )
    return render(request, "plans/plan_list.html", {"plans": plans})


@require_http_methods(["GET", "POST"])
def plan_create_view(request):
    profile = profile_for(request.user)
    if profile.home_country_id is None:
        messages.info(request, "Before your first plan, tell us the culture you negotiate from.")
        return redirect(
            f"{reverse('accounts:profile')}?{urlencode({'next': request.get_full_path()})}"
        )
    initial = {
        "our_country": profile.home_country_id,
        "currency": currency_for_country(profile.home_country.code),
    }
    if counterparty_pk := request.GET.get("counterparty"):
        initial["counterparty"] = counterparty_pk
    form = PlanForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_create(owner=request.user, plan=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Plan “{plan.title}” created. Start with the cultural gap.")
            return redirect("plans:gap", pk=plan.pk)
    has_counterparties = Counterparty.objects.owned_by(request.user).exists()
    return render(
        request,
        "plans/plan_form.html",
        {"form": form, "has_counterparties": has_counterparties},
    )


# The counterparty switch's confirmation page (plans/plan_confirm_switch.html) posts the
# plan form again as hidden fields, its button under SWITCH and the list's fingerprint
# under DETACH.
SWITCH, SWITCH_CONFIRM, SWITCH_BACK, DETACH = "switch", "confirm", "back", "detach"


def _saved_message(detached: SwitchDetachments | None) -> str:
    if not detached:
        return "Plan details saved."
    done = []
    if count := detached.attendee_count:
        people = "attendee" if count == 1 else "attendees"
        done.append(f"{count} {people} of another counterparty came off its occasions")
    if detached.belief is not None:
        done.append("the belief about who decides was cleared, with its evidence")
    return f"Plan details saved, now with “{detached.counterparty}”: {', and '.join(done)}."


@require_http_methods(["GET", "POST"])
def plan_update(request, pk):
    plan = _owned_plan(request, pk)
    previous = plan.counterparty
    form = PlanForm(
        request.POST if request.method == "POST" else None, instance=plan, user=request.user
    )
    switch = request.POST.get(SWITCH)
    if request.method == "POST" and form.is_valid() and switch != SWITCH_BACK:
        confirmed = request.POST.get(DETACH, "") if switch == SWITCH_CONFIRM else ""
        try:
            detached = plan_details_save(plan=form.save(commit=False), confirmed=confirmed)
        except SwitchNeedsConfirmation as pending:
            stale = switch == SWITCH_CONFIRM
            if stale:
                messages.warning(
                    request,
                    "The plan changed after you opened the confirmation (in another tab or "
                    "on another device), so nothing was saved or detached. Here is what "
                    "switching would detach now.",
                )
            context = {
                "form": form,
                "plan": plan,
                "previous": previous,
                "detach": pending.detachments,
                "fingerprint": pending.detachments.fingerprint(),
            }
            status = 409 if stale else 200
            return render(request, "plans/plan_confirm_switch.html", context, status=status)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _saved_message(detached))
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
def plan_delete(request, pk):
    plan = _owned_plan(request, pk)
    if request.method == "POST":
        title = plan.title
        plan.delete()
        messages.success(request, f"Plan “{title}” deleted.")
        return redirect("plans:list")
    return render(request, "plans/plan_confirm_delete.html", {"plan": plan})


def _related_or_none(plan: Plan, name: str):
    """A reverse one-to-one fetched with select_related, or None when there is no row."""
    try:
        return getattr(plan, name)
    except ObjectDoesNotExist:
        return None


@require_safe
def plan_detail(request, pk):
    plan = _owned_plan_overview(request, pk)
    profile = profile_for(request.user)
    assessment = _related_or_none(plan, "goal_assessment") or GoalAssessment(plan=plan)
    belief = _related_or_none(plan, "decision_belief")
    steps = list(plan.roadmap_steps.all())
    say_early = list(plan.say_early_items.all())
    learn = list(plan.learn_items.all())
    tell = list(plan.tell_items.all())
    questions = list(plan.questions.all())
    occasions = list(plan.occasions.all())
    facts = plan_facts(
        plan,
        assessment=assessment,
        steps=steps,
        say_early=say_early,
        learn=learn,
        tell=tell,
        questions=questions,
        occasions=occasions,
        belief=belief,
    )
    context = {
        "plan": plan,
        "stages": plan_stages(plan),
        "current": None,
        "readiness": readiness_checklist(facts, stage_urls(plan)),
        "open_learn": [item for item in learn if item.status != LearnItem.Status.LEARNED],
        "next_occasion": next_occasion(occasions, timezone.localdate()),
        "belief": belief,
        "decider": belief.current_person() if belief else None,
        "questions_count": len(questions),
    }
    context.update(goals_summary(plan, assessment, steps))
    context.update(_gap_context(plan, profile))
    return render(request, "plans/plan_detail.html", context)


def _owned_plan_overview(request, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.owned_by(request.user).with_stages(), pk=pk)


@require_http_methods(["GET", "POST"])
def plan_gap(request, pk):
    plan = _owned_plan(request, pk)
    form = GapNotesForm(request.POST if request.method == "POST" else None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan_gap_notes_save(plan=plan, notes=form.cleaned_data["gap_notes"])
        messages.success(request, "Your notes on the cultural gap are saved.")
        return redirect("plans:gap", pk=plan.pk)
    profile = profile_for(request.user)
    context = {"plan": plan, "form": form, "stages": plan_stages(plan), "current": "gap"}
    context.update(_gap_context(plan, profile))
    context["country_briefing"] = briefing_for(plan.counterparty.country, user=request.user)
    return render(request, "plans/plan_gap.html", context)
