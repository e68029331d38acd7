from django.urls import path

from countries import views

app_name = "countries"

urlpatterns = [
    path("", views.country_list, name="list"),
    path("compare/", views.country_compare, name="compare"),
    path("<str:code>/", views.country_detail, name="detail"),
]
