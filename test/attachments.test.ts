import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import { AttachmentsError, parseAttachments } from '../src/template/attachments.js'
import { TemplateError, renderTemplate } from '../src/template/render.js'

const context = readWorkflowContext(
  {
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '99',
    GITHUB_SERVER_URL: 'https://github.com',
    BUILD: '42',
    EMPTY: '',
    IMAGE: 'https://example.com/chart.png',
    // Values that would break the structure if they were pasted in before parsing.
    HOSTILE_JSON: '"}], "title": "injected',
    HOSTILE_YAML: 'x\n- title: injected\n  color: red',
    TITLE: '@all hi'
  },
  'failure'
)
// Structure, not inertness, is tested here: values go in as they are (notification.test.ts covers the rest).
const render = (template: string): string => renderTemplate(template, context, { as: 'plain' })
const parse = (source: string) => parseAttachments(source, render)

describe('parseAttachments: JSON and YAML, one or many', () => {
  it.each<[string, string, Record<string, unknown>[]]>([
    [
      'a JSON object',
      '{"title": "Build", "color": "#ff0000"}',
      [{ title: 'Build', color: '#ff0000' }]
    ],
    [
      'a JSON array',
      '[{"title": "a"}, {"text": "b", "collapsed": true}]',
      [{ title: 'a' }, { text: 'b', collapsed: true }]
    ],
    ['a YAML mapping', 'title: Build\ncolor: "#ff0000"', [{ title: 'Build', color: '#ff0000' }]],
    [
      'a YAML list',
      '- title: a\n- text: b\n  ts: 1700000000',
      [{ title: 'a' }, { text: 'b', ts: 1700000000 }]
    ],
    ['YAML flow style', '{title: Build, collapsed: false}', [{ title: 'Build', collapsed: false }]],
    [
      'fields',
      'fields:\n  - title: Env\n    value: prod\n    short: true\n  - {title: Replicas, value: 3}',
      [
        {
          fields: [
            { title: 'Env', value: 'prod', short: true },
            { title: 'Replicas', value: '3' }
          ]
        }
      ]
    ],
    [
      'unknown keys pass through untouched',
      '{"custom": {"a": [1, true, null]}, "mrkdwn_in": ["text"]}',
      [{ custom: { a: [1, true, null] }, mrkdwn_in: ['text'] }]
    ],
    [
      'links: absolute URLs, and a server path for title_link',
      'title_link: /file-upload/abc/report.pdf\nimage_url: https://example.com/a.png',
      [{ title_link: '/file-upload/abc/report.pdf', image_url: 'https://example.com/a.png' }]
    ]
  ])('%s', (_, source, expected) => {
    expect(parse(source)).toEqual(expected)
  })
})

describe('parseAttachments: strings are rendered after parsing', () => {
  it.each<[string, string, Record<string, unknown>[]]>([
    [
      'in any string, nested ones included',
      'title: Build ${{ env.BUILD }}\nfields:\n  - title: Run\n    value: ${{ github.run_id }}\nactions:\n  - {type: button, text: Open, url: "${{ github.server_url }}/${{ github.repository }}"}',
      [
        {
          title: 'Build 42',
          fields: [{ title: 'Run', value: '99' }],
          actions: [{ type: 'button', text: 'Open', url: 'https://github.com/octo-org/octo-repo' }]
        }
      ]
    ],
    [
      'a value that looks like JSON stays one string',
      '[{"title": "${{ env.HOSTILE_JSON }}"}]',
      [{ title: '"}], "title": "injected' }]
    ],
    [
      'a value that looks like YAML stays one string',
      'title: "${{ env.HOSTILE_YAML }}"',
      [{ title: 'x\n- title: injected\n  color: red' }]
    ],
    ['keys are not rendered', '{"${{ env.BUILD }}": "x"}', [{ '${{ env.BUILD }}': 'x' }]],
    [
      'a field that renders empty is left out',
      'fields:\n  - {title: Head, value: "${{ env.EMPTY }}"}\n  - {title: Build, value: "${{ env.BUILD }}"}',
      [{ fields: [{ title: 'Build', value: '42' }] }]
    ],
    [
      'a link that renders empty is left out',
      'title: Chart\nimage_url: ${{ env.EMPTY }}\nthumb_url: ${{ env.IMAGE }}',
      [{ title: 'Chart', thumb_url: 'https://example.com/chart.png' }]
    ],
    [
      'numbers and booleans in fields become text',
      'fields: [{title: Zero, value: 0}, {title: Off, value: false}]',
      [
        {
          fields: [
            { title: 'Zero', value: '0' },
            { title: 'Off', value: 'false' }
          ]
        }
      ]
    ]
  ])('%s', (_, source, expected) => {
    expect(parse(source)).toEqual(expected)
  })

  it('inserted mentions are defused, written ones kept', () => {
    const [attachment] = parse('title: ${{ env.TITLE }}\ntext: "@here look"')
    expect(attachment?.title).toBe('@\u200Ball hi')
    expect(attachment?.text).toBe('@here look')
  })
})

describe('parseAttachments: wrong shapes name the place', () => {
  it.each<[string, string, string]>([
    [
      'a title that is a number',
      'title: 12',
      'attachments[0].title must be a string, not a number'
    ],
    [
      'a field title that is a number',
      'fields:\n  - {title: a, value: b}\n  - {title: 1, value: x}',
      'attachments[0].fields[1].title must be a string, not a number'
    ],
    [
      'fields that are not a list',
      'fields: {title: a, value: b}',
      'attachments[0].fields must be a list'
    ],
    ['a field that is not an object', 'fields: [a]', 'attachments[0].fields[0] must be an object'],
    [
      'a field value that is an object',
      'fields: [{title: a, value: {x: 1}}]',
      'attachments[0].fields[0].value must be a string, number or boolean, not an object'
    ],
    [
      'a field short that is a string',
      'fields: [{title: a, value: b, short: "yes"}]',
      'attachments[0].fields[0].short must be true or false, not a string'
    ],
    [
      'collapsed as a string',
      'collapsed: "true"',
      'attachments[0].collapsed must be true or false'
    ],
    [
      'a colour YAML took for a comment',
      'color: #ff0000',
      'attachments[0].color must be a string, not null'
    ],
    [
      'a bad second attachment',
      '[{"title": "a"}, {"text": 5}]',
      'attachments[1].text must be a string'
    ],
    [
      'mrkdwn_in not a list',
      'mrkdwn_in: text',
      'attachments[0].mrkdwn_in must be a list of strings'
    ],
    ['actions not objects', 'actions: [1]', 'attachments[0].actions must be a list of objects'],
    ['a list of numbers', '[1, 2]', 'attachments[0] must be an object'],
    ['plain text', 'just some text', 'attachments[0] must be an object with keys such as title'],
    [
      'a relative image',
      'image_url: img/a.png',
      'attachments[0].image_url must be an absolute http(s) URL'
    ],
    [
      'a script link',
      'title_link: "javascript:alert(1)"',
      'attachments[0].title_link must be an absolute'
    ],
    [
      'a link that renders relative',
      'author_link: ${{ github.repository }}',
      'attachments[0].author_link must be an absolute http(s) URL, not "octo-org/octo-repo"'
    ]
  ])('%s', (_, source, message) => {
    expect(() => parse(source)).toThrow(AttachmentsError)
    expect(() => parse(source)).toThrow(message)
  })

  it('says to quote a value YAML read as a comment', () => {
    expect(() => parse('color: #ff0000')).toThrow(/quote it/)
  })
})

describe('parseAttachments: syntax errors say where', () => {
  it.each<[string, string, string[]]>([
    [
      'JSON with a missing comma',
      '{"title": "a" "text": "b"}',
      [
        'attachments is not valid JSON',
        "Expected ',' or '}' after property value",
        'line 1, column 15'
      ]
    ],
    [
      'JSON broken on its third line',
      '[\n  {"title": "a"},\n  {"title": "b",, }\n]',
      ['attachments is not valid JSON', 'line 3, column 17']
    ],
    [
      'an unclosed JSON array',
      '[{"title": "a"}',
      ['attachments is not valid JSON', 'line 1, column 16']
    ],
    [
      'YAML with a bad nesting',
      'title: a\n  b: c: d',
      ['attachments is not valid YAML', 'line 1, column 8']
    ],
    [
      'YAML with a duplicate key',
      'title: a\ntitle: b',
      ['attachments is not valid YAML', 'Map keys must be unique', 'line 2, column 1']
    ]
  ])('%s', (_, source, parts) => {
    let caught: unknown
    try {
      parse(source)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AttachmentsError)
    for (const part of parts) expect((caught as Error).message).toContain(part)
  })

  it('a template error names the attachment key and the expression', () => {
    let caught: unknown
    try {
      parse('fields:\n  - title: Run\n    value: ${{ nope() }}')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AttachmentsError)
    expect((caught as Error).message).toContain(
      'attachments[0].fields[0].value: ${{ nope() }} at line 1, column 1'
    )
    expect((caught as Error).cause).toBeInstanceOf(TemplateError)
  })
})

describe('parseAttachments: keys Rocket.Chat does not know', () => {
  it('warns with the key, where it is and the known keys, and still sends it', () => {
    const warnings: string[] = []
    const parsed = parseAttachments(
      '- title: a\n  colour: "#ff0000"\n- text: b\n  fields: []\n  mrkdwn_in: [text]\n  titel: c',
      render,
      warning => warnings.push(warning)
    )

    expect(parsed).toEqual([
      { title: 'a', colour: '#ff0000' },
      { text: 'b', fields: [], mrkdwn_in: ['text'], titel: 'c' }
    ])
    expect(warnings).toEqual([
      expect.stringMatching(
        /^attachments\[0\]\.colour is not an attachment key Rocket\.Chat knows/
      ),
      expect.stringMatching(/^attachments\[1\]\.titel is not an attachment key Rocket\.Chat knows/)
    ])
    expect(warnings[0]).toMatch(/Known keys: title, title_link, .*\bcolor\b.*, fields$/)
  })

  it('says nothing when every key is known', () => {
    const warnings: string[] = []
    parseAttachments('{"title": "a", "color": "red", "fields": [], "ts": 1}', render, w =>
      warnings.push(w)
    )
    expect(warnings).toEqual([])
  })
})
