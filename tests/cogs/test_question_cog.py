"""/question through the real discord.py command tree, on simcord."""

from __future__ import annotations


async def test_question_by_seed_number_posts_an_embed(channel, alice):
    result = await alice.slash(channel, "question", id="11")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Bayes' theorem"
    assert embed.author.name == "Probability & Statistics"
    assert "State Bayes' theorem." in embed.description
    assert "seed #11" in embed.footer.text


async def test_question_from_a_section(channel, alice):
    result = await alice.slash(channel, "question", section="math")
    assert result.response.embeds[0].title == "Derivative of the sigmoid"
    assert channel.last_message.embeds[0].title == "Derivative of the sigmoid"


async def test_random_question(channel, alice):
    result = await alice.slash(channel, "question")
    assert result.response.embeds[0].title in {"Bayes' theorem", "Derivative of the sigmoid"}


async def test_unknown_id_is_a_private_friendly_error(env, channel, alice):
    before = channel.last_message
    result = await alice.slash(channel, "question", id="math.nope")
    assert result.ephemeral
    assert "I don't know a question with id 'math.nope'" in result.response.content
    assert channel.last_message is before  # nothing was posted publicly


async def test_id_and_section_together_is_refused(channel, alice):
    result = await alice.slash(channel, "question", id="1", section="math")
    assert result.ephemeral
    assert "either a question id or a section" in result.response.content


async def test_a_bug_gets_a_short_generic_private_reply(env, channel, alice, monkeypatch, caplog):
    import sys

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(sys.modules["cogs.question"], "choose_question", broken)
    result = await alice.slash(channel, "question")
    assert result.ephemeral
    assert result.response.content.startswith("Something went wrong on my side")
    assert "database on fire" not in result.response.content
    assert any("bug in /question" in r.message for r in caplog.records)
    assert [type(e.original) for e in env.errors] == [RuntimeError]  # acknowledged


async def test_answer_button_grades_privately_and_offers_a_follow_up(env, channel, alice,
                                                                     recorder):
    posted = await alice.slash(channel, "question", id="11")
    shown = await alice.click(posted.response.message, label="Answer")
    assert shown.modal is not None
    graded = await alice.submit_modal(shown, {"answer": "P(A|B) = P(B|A) P(A) / P(B)"})
    assert graded.ephemeral
    assert graded.response.embeds[0].title.startswith("Score ")
    assert channel.last_message.id == posted.response.message.id  # nothing public
    assert [c["kind"] for c in recorder.calls] == ["question"]


async def test_empty_answer_changes_nothing(env, channel, alice, recorder):
    posted = await alice.slash(channel, "question", id="1")
    shown = await alice.click(posted.response.message, label="Answer")
    graded = await alice.submit_modal(shown, {"answer": "   "})
    assert graded.ephemeral and "Your answer is empty" in graded.response.content
    assert recorder.calls == []


async def test_math_is_attached_as_an_image_and_readable_as_text(channel, alice):
    result = await alice.slash(channel, "question", id="1")
    message = result.response
    embed = message.embeds[0]
    assert "σ'(z) = σ(z)(1 - σ(z))" in embed.description  # Unicode, not raw LaTeX
    assert "$" not in embed.description
    assert embed.image.url.startswith("attachment://math-")
    assert [a.filename for a in message.attachments] == [embed.image.url.split("//")[1]]
