"""The desk and the flow chart of the admin's front page, for the signed-in user at this moment."""

from django import template
from django.utils import timezone

from crm.desk import desk_for
from crm.flow_chart import desk_flow_chart
from talent.moves import Group

register = template.Library()


@register.simple_tag(takes_context=True)
def recruiter_desk(context):
    return desk_for(context["request"].user, now=timezone.now())


@register.simple_tag(takes_context=True)
def flow_chart(context, today):
    request = context["request"]
    group = Group.KIND if request.GET.get("flows") == Group.KIND else Group.COMPANY
    return desk_flow_chart(request.user, today=today, group=group)
