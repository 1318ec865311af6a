from django.urls import path

from .views import search as views

urlpatterns = [
    path("search/", views.search, name="learning_search"),
    path("search/autocomplete/", views.autocomplete, name="learning_search_autocomplete"),
]
