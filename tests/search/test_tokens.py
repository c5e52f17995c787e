"""The pure token builder: what each input contributes, and how a query is folded."""

from talent.search.tokens import candidate_tokens, query_keys, query_tokens


def test_a_chinese_name_gives_both_scripts_pinyin_prefixes_and_initials():
    tokens = set(candidate_tokens(native_name="陽陸育"))
    assert {"x:阳陆育", "x:陽陸育", "x:yang lu yu", "x:yangluyu"} <= tokens
    assert {"n:阳陆", "n:陽陸", "n:yang", "n:yang lu", "n:yanglu"} <= tokens
    assert {"o:陆育", "o:陸育", "o:lu yu", "o:luyu", "o:yly"} <= tokens
    assert not any(token.startswith(("c:", "t:", "px:")) for token in tokens)


def test_a_surname_is_read_both_ways():
    assert {"x:zeng xin kai", "x:ceng xin kai"} <= set(candidate_tokens(native_name="曾心凯"))


def test_a_latin_name_gives_its_prefixes_without_spaces_and_later_word_prefixes():
    tokens = set(candidate_tokens(english_name="Louis Yang"))
    assert {"x:louis yang", "x:louisyang", "n:lo", "n:louis", "n:louisya", "o:ya", "o:yang"} <= tokens
    assert "n:l" not in tokens


def test_pseudonym_tokens_are_kept_apart_from_the_identity():
    tokens = set(candidate_tokens(native_name="陈静", pseudonym="Falcon"))
    assert {"px:falcon", "pn:fal"} <= tokens
    assert not any(t.endswith("falcon") for t in tokens if not t.startswith("p"))


def test_employers_titles_and_tags_are_tokens_of_their_own_kind():
    tokens = set(
        candidate_tokens(
            companies=[["ByteDance", "字节跳动", "字节", "ByteDance Ltd."]], titles=["算法工程师"], expertise=["RLHF"]
        )
    )
    assert {"c:bytedance", "c:字节", "c:字節", "c:跳动", "c:bytedance ltd.", "c:ltd"} <= tokens
    assert {"t:算法", "t:工程师", "t:rlhf"} <= tokens


def test_query_keys_fold_case_script_tones_and_spaces():
    assert query_keys("  Yáng  LùYù ") == ["yang luyu", "yangluyu"]
    assert set(query_keys("陽陸")) == {"阳陆", "陽陸"}
    assert query_keys("   ") == []


def test_query_tokens_keep_the_pseudonym_kinds_separate():
    tokens = query_tokens("falcon")
    assert tokens.pseudonym_only == ["px:falcon", "pn:falcon", "po:falcon"]
    assert "x:falcon" in tokens.every and "x:falcon" not in tokens.pseudonym_only
    assert not query_tokens("")


def test_tokens_are_sorted_and_distinct():
    tokens = candidate_tokens(native_name="张伟", english_name="Wei Zhang", aliases=["张伟"], titles=["CTO", "CTO"])
    assert tokens == sorted(set(tokens))
