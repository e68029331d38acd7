from django.conf import settings
from django.db import models
from django.urls import reverse

from countries.models import Country, ScoreFields


class NegotiatorProfile(ScoreFields):
    """The culture a user negotiates from: a home country, and personal scores where set.

    A personal score overrides the home country's score on that dimension only.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    home_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The culture you negotiate from.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(ScoreFields.Meta):
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile")

    @property
    def has_personal_scores(self) -> bool:
        return any(value is not None for value in self.scores().values())
