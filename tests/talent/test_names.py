import pytest

from talent.models import Candidate, CandidateAlias
from talent.names import fold, name_forms, person_pinyin, pinyin
from talent.selectors import candidates_search, company_lookup
from talent.services import candidate_refresh_names
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory


def test_pinyin_is_computed_from_either_script():
    assert pinyin("阳陆育") == "yang lu yu"
    assert pinyin("陽陸育") == "yang lu yu"
    assert pinyin("Louis") == ""


def test_name_forms_cover_joined_pinyin_and_initials():
    assert {"阳陆育", "yang lu yu", "yangluyu", "yly"} <= name_forms("陽陸育")


def test_fold_is_case_and_script_insensitive():
    assert fold("  Louis   YANG ") == "louis yang"
    assert fold("陽陸育") == fold("阳陆育")


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["陽陸育", "阳陆育", "Yang Lu Yu", "yangluyu", "YLY", "louis", "多隆"])
def test_candidate_is_found_by_any_name_form_or_alias(term):
    candidate = CandidateFactory(native_name="陽陸育", english_name="Louis")
    CandidateAlias.objects.create(candidate=candidate, name="多隆", kind=CandidateAlias.Kind.HUAMING)
    candidate_refresh_names(candidate=candidate)
    CandidateFactory(native_name="王芳", english_name="Fang")
    found = candidates_search(Candidate.objects.all(), term, all_cleared=True)
    assert list(found) == [candidate]


@pytest.mark.django_db
def test_candidate_is_found_by_a_company_alias():
    bytedance = company_lookup("ByteDance")
    engineer = EmploymentFactory(company=bytedance).candidate
    EmploymentFactory(company=CompanyFactory())
    assert list(candidates_search(Candidate.objects.all(), "字节", all_cleared=True)) == [engineer]
    assert list(candidates_search(Candidate.objects.all(), "字節跳動", all_cleared=True)) == [engineer]


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["bytedance", "BYTEDANCE LTD.", "头条", "字节跳动", "字節跳動"])
def test_company_look_up_is_case_insensitive_and_alias_aware(term):
    assert company_lookup(term).name == "ByteDance"


@pytest.mark.django_db
def test_unknown_company_is_not_found():
    assert company_lookup("Initech") is None


@pytest.mark.parametrize(
    ("name", "reading"),
    [("曾心凯", "zeng xin kai"), ("单雄信", "shan xiong xin"), ("仇英", "qiu ying"), ("尉迟恭", "yu chi gong")],
)
def test_a_surname_is_read_as_a_surname(name, reading):
    assert person_pinyin(name) == reading


@pytest.mark.django_db
def test_a_person_is_found_by_the_surname_reading_and_by_the_everyday_one():
    candidate = CandidateFactory(native_name="曾心凯")
    candidate.refresh_name_fields()
    candidate.save()
    assert candidate.pinyin == "zeng xin kai"
    for term in ("zeng xin kai", "zengxinkai", "zxk", "ceng xin kai"):
        assert list(candidates_search(Candidate.objects.all(), term, all_cleared=True)) == [candidate], term
