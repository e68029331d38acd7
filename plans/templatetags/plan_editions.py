from django import template

from countries.models import ScoreEdition
from plans.forms_edition import PlanEditionForm
from plans.models import Plan

register = template.Library()


@register.simple_tag
def plan_edition_switch(plan: Plan) -> dict:
    """What the edition box on a plan page needs: the other editions and the default (one query)."""
    editions = list(ScoreEdition.objects.all())
    default = next((e for e in editions if e.is_default), None)
    return {
        "form": PlanEditionForm(instance=plan, editions=editions),
        "has_others": any(e.pk != plan.edition_id for e in editions),
        "default": default,
        "uses_default": default is not None and default.pk == plan.edition_id,
    }
