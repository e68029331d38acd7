from django.urls import path

from countries import views
from plans.views.compare import country_compare

app_name = "countries"

urlpatterns = [
    path("", views.country_list, name="list"),
    path("compare/", country_compare, name="compare"),
    path("<str:code>/", views.country_detail, name="detail"),
]
