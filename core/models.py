from django.db import models

from core.text import fold_parts


class SearchTextModel(models.Model):
    """A model searched through `search_text`: its SEARCH_FIELDS folded (core.text.fold).

    Searches compare the folded query with this column, so case and accents do not
    matter and SQLite and PostgreSQL give the same results without a database
    extension. save() keeps it; writes that bypass save() (bulk_create) call
    `set_search_text()` first.
    """

    SEARCH_FIELDS: tuple[str, ...] = ()

    search_text = models.TextField(
        editable=False,
        default="",
        help_text="The searchable fields folded (no case, no accents); kept by save().",
    )

    class Meta:
        abstract = True

    def save(self, **kwargs) -> None:
        self.set_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCH_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(**kwargs)

    def set_search_text(self) -> None:
        self.search_text = fold_parts(*(getattr(self, name) or "" for name in self.SEARCH_FIELDS))
