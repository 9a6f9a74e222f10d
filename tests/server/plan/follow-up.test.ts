import { describe, expect, it } from 'vitest';
import { isFollowUp, resolveFollowUp } from '../../../server/plan/follow-up.js';
import type { ChatTurn } from '../../../server/answer/types.js';

// A stand-in for the document resolver: names and the topic left after removing them.
const NAMES: [RegExp, string][] = [
  [/\bprague 1997\b/i, 'prague-1997'],
  [/\b(?:the )?(?:2009 declaration|prague 2009)\b/i, 'prague-2009'],
  [/\b(?:the )?vienna(?: meeting)?(?: in 2005)?\b/i, 'vienna-2005'],
  [/\b(?:the )?call for action\b/i, 'call-for-action'],
];
const resolve = (text: string) => {
  let topic = text;
  const documents: string[] = [];
  for (const [pattern, id] of NAMES) {
    if (pattern.test(topic)) {
      documents.push(id);
      topic = topic.replace(pattern, ' ');
    }
  }
  return { documents, topic: topic.replace(/\s+/g, ' ').trim() };
};
const user = (content: string): ChatTurn => ({ role: 'user', content });
const assistant = (content: string): ChatTurn => ({ role: 'assistant', content });

// A turn on the Call for Action's smuggling actions.
const smuggling = [
  user('what does the call for action say about people smuggling?'),
  assistant('Priority Goal 1, Action 2 of the Call for Action …'),
];

const carriers = [
  user('What did Prague 1997 say about carrier sanctions?'),
  assistant('Recommendation 18 of the Prague 1997 Recommendations … [1]'),
];

describe('isFollowUp', () => {
  it.each([
    ['which international organisations attended?', true],
    ['Who chaired?', true],
    ['Which organisations attended the Vienna meeting?', false],
    ['And what about fraudulent documents?', true],
    ['What about employers?', true],
    ['Does it mention children?', true],
    ['What does that recommendation say about fines?', true],
    ['What does the Call for Action say about integration of migrants in host societies?', false],
    ['How should airlines check travel documents before boarding?', false],
  ])('%s → %s', (q, expected) => expect(isFollowUp(q)).toBe(expected));
});

describe('resolveFollowUp', () => {
  it('keeps the earlier documents when the follow-up adds only a topic', () => {
    expect(resolveFollowUp('And what about fraudulent documents?', carriers, resolve)).toEqual({
      query: 'And what about fraudulent documents?',
      documents: ['prague-1997'],
      followUp: { carried: 'scope' },
    });
  });

  it.each([
    'was that group brought up at the Vienna meeting too?',
    'is this issue mentioned in the 2009 declaration?',
    'was the same matter discussed in the call for action?',
  ])('reads "that group", "this issue" and "brought up" as the earlier topic: %s', (question) => {
    const history = [user('Which working group did Belgium chair?'), assistant('The Working Group on Penalty Scales.')];
    const resolved = resolveFollowUp(question, history, resolve);
    expect(resolved.followUp).toEqual({ carried: 'topic', from: 'Which working group did Belgium chair?' });
    expect(resolved.query).toMatch(/^Which working group did Belgium chair\?/);
  });

  it('keeps the earlier topic when the follow-up adds only a document', () => {
    const history = [user('What did Prague 1997 recommend on voluntary return?')];
    const resolved = resolveFollowUp('and what about the 2009 declaration?', history, resolve);
    expect(resolved.query).toMatch(/voluntary return/);
    expect(resolved.query).toMatch(/2009 declaration/);
    expect(resolved.followUp.carried).toBe('topic');
  });

  it('carries nothing into a question that stands on its own', () => {
    const resolved = resolveFollowUp('How should airlines check travel documents before boarding?', carriers, resolve);
    expect(resolved).toEqual({
      query: 'How should airlines check travel documents before boarding?',
      documents: null,
      followUp: { carried: 'nothing' },
    });
  });

  it('leaves a question without history alone', () => {
    expect(resolveFollowUp('And what about fraudulent documents?', [], resolve).followUp.carried).toBe('nothing');
  });

  it.each([
    ['And the next one?', [user('What is Recommendation 33 of Prague 1997?')], 'Recommendation 34'],
    ['What about the previous one?', [user('What is Recommendation 33 of Prague 1997?')], 'Recommendation 32'],
    ['and the next one?', [user('Show me clause (f) point 4')], 'clause (f) point 5'],
    // The unit an earlier answer named, when the client sends answers as plain text.
    [
      'what does the paragraph after that say?',
      [user('Who attended the Vienna meeting?'), assistant('Paragraph 7 of the 2005 Vienna report lists …')],
      'paragraph 8',
    ],
    [
      'And the next one?',
      [user('What about readmission?'), assistant('Recommendation 30 of the Prague 1997 Recommendations says …')],
      'Recommendation 31',
    ],
    // An end of the group the unit in question belongs to.
    [
      'and the last action of that goal?',
      [user('what does PG6 action 7 say?'), assistant('Priority Goal 6, action 7 of the Call for Action asks …')],
      'the last action of Priority Goal 6',
    ],
    ['and the first point of this clause?', [user('Show me clause (f) point 4')], 'clause (f) point 1'],
    // A member of the group named without the group: "its last action".
    ['and its last point?', [user('Show me clause (f) point 4')], 'the last point of clause (f)'],
    [
      "what's its last action?",
      [user('and goal 4?'), assistant('Priority Goal 4, Action 1 of the Call for Action (2019) calls on …')],
      'the last action of Priority Goal 4',
    ],
  ])('%s steps from the unit in question', (question, history, query) => {
    expect(resolveFollowUp(question, history, resolve).query).toBe(query);
  });

  it.each([
    [
      'what are its other actions?',
      [
        user('What does the Call for Action say about integration?'),
        assistant('Priority Goal 6, Action 1 of the Call for Action (2019) calls on …'),
      ],
      'What are the actions under Priority Goal 6?',
    ],
    ['and the rest of the points?', [user('Show me clause (j) point 7')], 'What are the points of clause (j)?'],
    ['all its actions, please', [user('what does PG2 action 3 say?')], 'What are the actions under Priority Goal 2?'],
  ])('%s asks for the whole group of the unit in question', (question, history, query) => {
    expect(resolveFollowUp(question, history, resolve)).toMatchObject({ query, followUp: { carried: 'unit' } });
  });

  it.each([['who organised it?'], ['when was it?'], ['and where was it held?'], ['Who chaired that?']])(
    '%s asks about the event the conversation was about, not its topic or the unit an answer named',
    (question) => {
      const history = [
        user('What did the Vienna meeting say about victims?'),
        assistant('According to paragraph 17 of the Vienna 2005 Bali–Budapest Joint Meeting, UNODC recalled …'),
      ];
      expect(resolveFollowUp(question, history, resolve)).toEqual({
        query: question,
        documents: ['vienna-2005'],
        followUp: { carried: 'scope' },
      });
    },
  );

  it('asks for no group when the unit in question belongs to none', () => {
    const history = [user('What does Recommendation 18 say?')];
    expect(resolveFollowUp('what are the other points?', history, resolve).query).not.toMatch(/^What are the/);
  });

  it('"summarise both": the two documents last named, on the topic the conversation was on', () => {
    const history = [
      ...smuggling,
      user('and what does the 2009 declaration say on the same thing?'),
      assistant('Clause (f), point 3 of the Prague 2009 Joint Declaration …'),
    ];
    const resolved = resolveFollowUp('summarise both with citations', history, resolve);
    expect(resolved.documents).toEqual(['prague-2009', 'call-for-action']);
    expect(resolved.query).toMatch(/people smuggling/);
    // With a topic of its own, "both" keeps the documents and not the earlier topic.
    const own = resolveFollowUp('what do both say about carriers?', history, resolve);
    expect(own.documents).toEqual(['prague-2009', 'call-for-action']);
    expect(own.query).not.toMatch(/smuggling/);
    // "Compare the two": the pair names the documents and leaves no topic; "two" is not searched.
    const compared = resolveFollowUp('compare the two', history, resolve);
    expect(compared.documents).toEqual(['prague-2009', 'call-for-action']);
    expect(compared.query).toMatch(/people smuggling/);
    expect(compared.query).not.toMatch(/\btwo\b/);
  });

  it('"anything similar in the 2009 declaration?" carries the earlier topic to the named document', () => {
    const resolved = resolveFollowUp('is there anything similar in the 2009 declaration?', carriers, resolve);
    expect(resolved.query).toMatch(/carrier sanctions/);
  });

  it('"which goal is that under?" is not a topic to carry into the next turn', () => {
    const history = [...smuggling, user('which goal is that under?'), smuggling[1]];
    const resolved = resolveFollowUp('and what does the 2009 declaration say on the same thing?', history, resolve);
    expect(resolved.query).toMatch(/^what does say about people smuggling\?? and what/);
  });

  it.each([
    // A turn about another document in between does not move Recommendation 18 into it.
    [
      [
        ...carriers,
        user('what about the 2009 declaration?'),
        assistant('The documents do not appear to address this.'),
      ],
    ],
    [carriers],
  ])('steps within the document of the unit in question (%#)', (history) => {
    const resolved = resolveFollowUp("what's the next one?", history, resolve);
    expect(resolved.query).toBe('Recommendation 19');
    expect(resolved.documents).toEqual(['prague-1997']);
  });

  it.each([
    // The person asked which unit: "that" is the unit the answer named.
    [
      'who was to lead that?',
      [
        user('Which recommendation of Prague 1997 was about an information system?'),
        assistant('That is Recommendation 42 …'),
      ],
      /^Recommendation 42: /,
    ],
    // The person asked about a topic: "it" is the topic, though the answer opened with a unit.
    [
      'and how long can they go to prison for it?',
      [
        user('what did Prague 1997 say about bosses who employ illegal migrants?'),
        assistant(
          'In Consideration 13 of the Prague 1997 Recommendations, the ministers …\n\nAlso relevant:\n- Recommendation 11: “…”',
        ),
      ],
      /^what did say about bosses who employ illegal migrants.*prison/,
    ],
    // "Did it promise…": "it" is the document that speaks, even after an answer about one of its units.
    [
      'Did it also promise help for the home countries?',
      [user('Did the 2009 declaration prefer voluntary return?'), assistant('Yes. Clause (g), point 1 of …')],
      /^Did it also promise help for the home countries\?$/,
    ],
  ])('reads a pronoun in %s by what the conversation was about', (question, history, query) => {
    expect(resolveFollowUp(question, history, resolve).query).toMatch(query);
  });

  it('reads "that recommendation" as the unit the last answer named', () => {
    const history = [
      user('What about readmission?'),
      assistant('Recommendation 30 of the Prague 1997 Recommendations says …'),
    ];
    const resolved = resolveFollowUp('Does that recommendation mention transit?', history, resolve);
    expect(resolved.query).toMatch(/^Recommendation 30: /);
    expect(resolved.documents).toEqual(['prague-1997']);
  });

  it('reads "it" after an answer about one unit as that unit', () => {
    const history = [
      user('What does the Call for Action say about skills?'),
      assistant('Priority Goal 2, action 1 of the Call for Action promotes skills development [1].'),
    ];
    const resolved = resolveFollowUp('who was to lead it?', history, resolve);
    expect(resolved.query).toMatch(/^Priority Goal 2, action 1: /);
    expect(resolved.documents).toEqual(['call-for-action']);
  });

  it('reads "what does it say about X" after a question about a document as a new topic in that document', () => {
    const history = [
      user('What does the 2009 declaration say about remittances?'),
      assistant('Clause (j), points 7 and 8 of the 2009 declaration encourage cheaper remittances [1][2].'),
    ];
    const resolved = resolveFollowUp('ok, and what does it say about integrating migrants?', history, resolve);
    expect(resolved).toMatchObject({ documents: ['prague-2009'], followUp: { carried: 'scope' } });
    expect(resolved.query).not.toMatch(/Clause|remittances/);
  });

  it('still reads "it" as the unit when the person named that unit', () => {
    const history = [user('What does Recommendation 18 of Prague 1997 say?'), assistant('Recommendation 18 … [1]')];
    const resolved = resolveFollowUp('what does it say about costs?', history, resolve);
    expect(resolved.query).toMatch(/^Recommendation 18: /);
  });
});
