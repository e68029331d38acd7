from django.http import HttpResponse


def country_list(request):
    return HttpResponse("")


def country_compare(request):
    return HttpResponse("")


def country_detail(request, code):
    return HttpResponse("")
