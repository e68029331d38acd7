from django.http import HttpResponse


def dashboard(request):
    return HttpResponse("")


def plan_list(request):
    return HttpResponse("")


def plan_detail(request, pk):
    return HttpResponse("")
