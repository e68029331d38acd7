from django.contrib import admin
from django.utils.text import Truncator

from plans.models import GapGuidance, QuestionTemplate


@admin.register(GapGuidance)
class GapGuidanceAdmin(admin.ModelAdmin):
    """Trainers edit the guidance texts; the grid of cells itself is fixed."""

    list_display = ["dimension", "direction", "band", "meaning_excerpt", "updated_at"]
    list_display_links = ["dimension", "direction", "band"]
    list_filter = ["dimension", "direction", "band"]
    search_fields = ["meaning", "advice"]
    list_per_page = 50  # all 24 cells on one page
    fields = ["dimension", "direction", "band", "meaning", "advice", "updated_at"]
    readonly_fields = ["updated_at"]

    @admin.display(description="meaning")
    def meaning_excerpt(self, obj: GapGuidance) -> str:
        return Truncator(obj.meaning).chars(90)

    def get_readonly_fields(self, request, obj=None):
        # Moving an existing text to another cell would leave its own cell empty.
        if obj is not None:
            return ["dimension", "direction", "band", *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # Every cell must keep a text; trainers change wording instead of deleting.
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(QuestionTemplate)
class QuestionTemplateAdmin(admin.ModelAdmin):
    """Trainers keep the library of early-meeting questions that plans pick from."""

    list_display = ["text", "tag", "is_active", "updated_at"]
    list_filter = ["tag", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["text", "why_it_helps"]
    list_per_page = 50
    fields = ["text", "tag", "why_it_helps", "is_active", "updated_at"]
    readonly_fields = ["updated_at"]
