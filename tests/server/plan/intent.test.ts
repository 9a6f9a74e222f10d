import { describe, expect, it } from 'vitest';
import {
  asksAboutEvent,
  asksAcrossAllDocuments,
  classifyIntent,
  insistsOnAllDocuments,
  stripRequestWords,
} from '../../../server/plan/intent.js';
import { expectedAnswerKind, holdsAnswerKind, namesSomeoneNew } from '../../../server/plan/answer-kind.js';
import {
  ACKNOWLEDGEMENT_REPLY,
  CLOSING_REPLY,
  isSmallTalk,
  SMALL_TALK_REPLY,
  smallTalkAnswer,
} from '../../../server/plan/small-talk.js';

describe('classifyIntent', () => {
  it.each([
    ['What did Prague 1997 say about carrier sanctions?', 'lookup'],
    ['Can airlines be fined for flying people without proper papers?', 'yesno'],
    ['Did the 2009 declaration mention biometrics?', 'yesno'],
    ['what are the six priority goals in the call for action?', 'enumeration'],
    ['List the ministerial conferences', 'enumeration'],
    ['What objectives do the partnerships address? List them all.', 'enumeration'],
    ['can you give me a full list of the past projects', 'enumeration'],
    ['Who was asked to keep a list of the readmission agreements?', 'lookup'],
    ['Give me a cited summary of what the documents say about protecting victims of trafficking', 'summary'],
    ['Draft a briefing on return for my director', 'summary'],
    ['Compare visas in 1997 and 2009', 'comparison'],
    ['What is the difference between the 1997 and 2009 texts on readmission?', 'comparison'],
    ['How did the approach to return evolve from 1997 to 2019?', 'timeline'],
    ['What changed between 1997 and 2009 on labour migration?', 'timeline'],
    // A follow-up asking how "that" moved on traces the conversation's topic.
    ['how did that change later?', 'timeline'],
    ['And how has the approach shifted since?', 'timeline'],
    ['Has it changed in later documents?', 'timeline'],
    ['Did the visa rules change?', 'yesno'],
    ['How did it affect the carriers?', 'lookup'],
    ['what is the Budapest Process?', 'overview'],
    ["I'm new - give me an overview of what the Budapest Process is, with sources.", 'overview'],
    ['an introduction to the Budapest Process please', 'overview'],
    // A summary of what the Process says on a topic is not an overview of the Process.
    ['Give me an overview of the Budapest Process position on return', 'summary'],
  ])('%s → %s', (question, intent) => expect(classifyIntent(question)).toBe(intent));
});

describe('stripRequestWords', () => {
  it.each([
    [
      'Give me a cited summary of what the documents say about protecting victims of trafficking, across all five documents',
      'protecting victims of trafficking,',
    ],
    [
      'Summarise the Budapest Process position on legal and labour migration, with citations',
      'legal and labour migration,',
    ],
    [
      'Can you please list the recommendations on readmission for a briefing note?',
      'the recommendations on readmission ?',
    ],
    // Words that are the topic stay: "keep a list of" is not a request to list.
    [
      'Who was asked to keep a list of the readmission agreements?',
      'Who was asked to keep a list of the readmission agreements?',
    ],
    ['summarise', 'summarise'],
    ['Brief me on the Silk Routes projects', 'the Silk Routes projects'],
    [
      'Briefing please: what does Prague 2009 say on labour migration?',
      'what does Prague 2009 say on labour migration?',
    ],
    ['Summarise what Vienna said on trafficking, citing paragraphs.', 'what Vienna said on trafficking, .'],
    ['What objectives do the partnerships address? List them all.', 'What objectives do the partnerships address? .'],
    ['Compare the integration provisions of 2009 and 2019', 'the integration of 2009 and 2019'],
    ['List the passages on return in 1997', 'the return in 1997'],
    ['where does family reunification come up in these texts?', 'where does family reunification in these texts?'],
    ['how many actions does it have in total?', 'how many actions does it have ?'],
    ["I'm new here - what is readmission?", 'what is readmission?'],
    ['an introduction to the Budapest Process', 'the Budapest Process'],
    ['I need a short briefing on what the texts say about biometrics', 'biometrics'],
    // The verb relating a text to its topic is framing; the passive relation is the topic.
    ['how the 2009 Declaration links migration and development', 'the 2009 Declaration migration and development'],
    ['How does the Call for Action address smuggling?', 'does the Call for Action smuggling?'],
    [
      'a team to study how trafficking and migration are connected',
      'a team to study how trafficking and migration are connected',
    ],
    ['What did the Vienna meeting conclude about trafficking?', 'What did the Vienna meeting trafficking?'],
    ['Did the ministers conclude readmission agreements?', 'Did the ministers conclude readmission agreements?'],
    // Asked of the assistant, not about the topic.
    ['Tell me about the first Silk Routes project.', 'the first Silk Routes project.'],
    ['what can you tell me more about carrier sanctions?', 'carrier sanctions?'],
    ['Explain to me how readmission works', 'how readmission works'],
    // Idioms that name nothing.
    ['why do people end up migrating illegally in the first place?', 'why do people migrating illegally ?'],
    ['does it mention biometrics at all?', 'does it mention biometrics ?'],
  ])('%s → %s', (question, topic) => expect(stripRequestWords(question)).toBe(topic));

  it.each([
    ['across all five documents', true],
    ['in each of the documents', true],
    ['what do all the documents say', true],
    ['what did the 2009 declaration say', false],
    ['what do the texts say about women and children?', true],
    ['where does it come up in these texts?', true],
    ['which document mentions it first?', false],
    ['what does the text say about it?', false],
  ])('%s asks across all documents: %s', (q, expected) => expect(asksAcrossAllDocuments(q)).toBe(expected));
});

describe('expectedAnswerKind', () => {
  it.each([
    ['How much money does the secretariat get per year?', 'amount'],
    ['How big a fine did they set for airlines?', 'amount'],
    ['How many countries are members?', 'count'],
    ['When was the Rhodes conference?', 'date'],
    ['How long can a victim stay?', 'date'],
    ['Where was the 2013 conference held?', 'place'],
    ['Who decides how many foreign workers are admitted?', 'body'],
    // The question word may follow a fronted phrase.
    ['After the Prague meeting in 97, who had to write a progress report every year?', 'body'],
    ['Under the 2009 declaration, who decides how many foreign workers are admitted?', 'body'],
    ['In the Vienna report, when was the Hague Programme adopted?', 'date'],
    ['For the 2013 conference, where did the ministers meet?', 'place'],
    ['If the passport expires, how long can the visa run?', 'date'],
    ['Which organisations attended the Vienna meeting?', 'body'],
    // A topic word is not a request for an amount.
    ['What did the Call for Action say about making it cheaper to send money home?', 'text'],
    ['Did Prague 1997 mention carriers?', 'yesno'],
    ['How much did the border management project cost?', 'amount'],
    ['How much did the 1997 text say about visas?', 'text'],
    // A body noun after an adjective or two, and "who" as the second of two questions, still ask for a body.
    ['Which Asian countries were invited to join the dialogue?', 'body'],
    ['What is the Reference Group and who chairs it?', 'body'],
    ['What does the organisation do?', 'text'],
  ])('%s → %s', (question, kind) => expect(expectedAnswerKind(question, classifyIntent(question))).toBe(kind));

  it.each([
    ['a budget of EUR 5 million was allocated', 'amount', '', true],
    ['sanctions be introduced against carriers', 'amount', '', false],
    ['53 countries are members', 'count', '', true],
    ['in 1997 the ministers met', 'count', '', false],
    ['the group met over ten times', 'count', '', true],
    ['with 1,700 officials trained', 'count', '', true],
    // Numbers that name an article or a unit, or are followed by no noun, count nothing.
    ['taking into account article 31 of the Geneva Convention', 'count', '', false],
    ['reflected in Priority Goals 1 and 2, focussed on', 'count', '', false],
    // A vague quantity or a day of a month states no number.
    ['involving several states and actors', 'count', '', false],
    ['the majority of participating States', 'count', '', false],
    ['Koszalin, Poland, 10 - 11 May 2000', 'count', '', false],
    ['at least 30 days before the expiration', 'date', 'how long before it expires?', true],
    ['held in Prague in 1997', 'date', 'how long can they stay?', false],
    ['held in Prague in 1997', 'date', 'when was it held?', true],
  ] as const)('%s holds %s: %s', (text, kind, question, holds) =>
    expect(holdsAnswerKind(text, kind, question)).toBe(holds),
  );
});

describe('isSmallTalk', () => {
  it.each([
    ['thanks!', true],
    ['hello', true],
    ['who are you?', true],
    ['what kind of things can you help me with?', true],
    ['what sort of questions can you answer?', true],
    ['what kind of things did the 2009 declaration ask states to do?', false],
    ['ok great, cheers', true],
    ['good morning :)', true],
    ['Thank the Czech Republic for hosting', false],
    ['what can you do for victims of trafficking?', false],
    ['What did Prague 1997 say about carriers?', false],
    ["Great, thanks a lot — that's all I needed for today.", true],
    ['lol ok', true],
    ["thanks, that's really helpful", true],
    ['thanks, what did Prague 1997 say about carriers?', false],
  ])('%s → %s', (message, expected) => expect(isSmallTalk(message)).toBe(expected));
});

describe('smallTalkAnswer', () => {
  it.each([
    ['thanks!', CLOSING_REPLY],
    ["Great, thanks a lot — that's all I needed for today.", CLOSING_REPLY],
    ['cheers, bye', CLOSING_REPLY],
    ['ok great', ACKNOWLEDGEMENT_REPLY],
    ['lol ok', ACKNOWLEDGEMENT_REPLY],
    ['got it', ACKNOWLEDGEMENT_REPLY],
    ['hello', SMALL_TALK_REPLY],
    ['who are you?', SMALL_TALK_REPLY],
    ['what kind of things can you help me with?', SMALL_TALK_REPLY],
  ])('%s', (message, reply) => expect(smallTalkAnswer(message)).toBe(reply));
});

describe('asksAboutEvent', () => {
  it.each([
    ['When did participants endorse the implementation plan?', true],
    ['Who chaired the meeting and when did it take place?', true],
    ['What was adopted in Istanbul?', true],
    ['list the senior officials meetings held between 1993 and the Prague conference', true],
    ['How many countries attended?', true],
    ['What did Prague 1997 say about carriers?', false],
    ['Why did the Vienna meeting want border police trained?', false],
    ['How was the follow-up of the recommendations to be organised?', false],
  ])('%s → %s', (question, expected) => {
    expect(asksAboutEvent(question)).toBe(expected);
  });
});

describe('insistsOnAllDocuments', () => {
  it.each([
    ['How did it evolve from 1997 to 2019? A cited overview across all five documents.', true],
    ['Compare all the texts on return', true],
    ['compare visas in 1997 and 2009 - what each text asked for', false],
    ['what does each document say about visas?', false],
  ])('%s → %s', (question, expected) => {
    expect(insistsOnAllDocuments(question)).toBe(expected);
    expect(asksAcrossAllDocuments(question)).toBe(true);
  });
});

describe('namesSomeoneNew', () => {
  const question = 'Which country chaired the working group set up after the Berlin conference?';
  it.each([
    ['A Working Group under the chairmanship of Austria, including Hungary and Italy, was created.', true],
    ['UNHCR warned that stricter checks could keep out genuine refugees.', true],
    // Title words and names the question already gives are no answer.
    ['This meeting was known as the Berlin Ministerial Conference where a final document was adopted.', false],
    ['The participating States agreed in March to meet again.', false],
    ['the working group met over ten times.', false],
    // A role or the Process itself names no one.
    ['The Chairmanship introduced a new Working Group structure', false],
    ['In May 2021, the Budapest Process set up a new consultation structure.', false],
  ])('%s → %s', (text, expected) => expect(namesSomeoneNew(text, question)).toBe(expected));
});
