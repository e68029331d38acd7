from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from plans.forms_edition import PlanEditionForm
from plans.models import Plan


def _back(request, plan: Plan) -> str:
    """Back to the plan page the switch was made from: the overview or stage 1 only."""
    allowed = {plan.get_absolute_url(), reverse("plans:gap", args=[plan.pk])}
    wanted = request.POST.get("next", "")
    return wanted if wanted in allowed else plan.get_absolute_url()


@require_POST
def plan_edition_switch(request, pk):
    plan = get_object_or_404(Plan.objects.owned_by(request.user).select_related("edition"), pk=pk)
    before = plan.edition
    form = PlanEditionForm(request.POST, instance=plan)
    if form.is_valid():
        plan = form.save()
        messages.success(
            request,
            f"This plan now uses “{plan.edition}” instead of “{before}”. "
            "The cultural gap is recalculated with its scores.",
        )
    else:
        messages.error(request, " ".join(form.errors.get("edition", ["Choose an edition."])))
    return redirect(_back(request, plan))
