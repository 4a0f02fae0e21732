import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import type { WorkflowContext } from '../src/template/workflow-context.js'
import type { Status } from '../src/rocketchat/types.js'
import { TemplateError, renderTemplate } from '../src/template/render.js'
import { linksIn, mentionsIn, typesOf, visibleText } from './support/parser.js'

/** A mention Rocket.Chat would act on: `@` directly followed by the name. */
const PINGABLE = /@(all|here|channel)\b/i

function contextFor(status: Status, env: Record<string, string> = {}): WorkflowContext {
  const context = readWorkflowContext(
    {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_RUN_ID: '1234567890',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'ARM64',
      DEPLOY_TARGET: 'staging',
      ...env
    },
    status
  )
  context.github.event = {
    action: 'opened',
    number: 7,
    pull_request: {
      number: 7,
      title: '@all hi',
      draft: false,
      additions: 2.5,
      merged_at: null,
      labels: [{ name: 'bug' }, { name: 'ui' }]
    },
    commits: [{ message: 'Fix ${{ env.DEPLOY_TARGET }}' }, { message: 'Add tests' }]
  }
  return context
}

const context = contextFor('success', {
  NUMBER_TEXT: '3',
  JSON_TEXT: '{"region":"eu","replicas":[1,2]}',
  TEMPLATE_TEXT: '${{ env.DEPLOY_TARGET }}',
  WHO: 'here',
  AT: '@'
})
const render = (template: string): string => renderTemplate(template, context)

describe('renderTemplate: contexts', () => {
  it.each<[string, string]>([
    ['${{ github.repository }}', 'octo-org/octo-repo'],
    ['${{ github.ref_name }}', '7/merge'],
    ['${{ github.server_url }}', 'https://github.com'],
    ['${{ GitHub.Repository }}', 'octo-org/octo-repo'],
    ['${{ github.event.action }}', 'opened'],
    ['${{ github.event.pull_request.number }}', '7'],
    ["${{ github.event.pull_request['number'] }}", '7'],
    ['${{ github.event.pull_request.labels[1].name }}', 'ui'],
    ['${{ github.event.pull_request.labels.*.name }}', '["bug","ui"]'],
    ['${{ github.event.no.such.field }}', ''],
    ['${{ env.DEPLOY_TARGET }}', 'staging'],
    ['${{ env.NOT_SET }}', ''],
    ['${{ job.status }}', 'success'],
    ['${{ runner.os }}-${{ runner.arch }}', 'Linux-ARM64']
  ])('%s -> %s', (template, expected) => {
    expect(render(template)).toBe(expected)
  })
})

describe('renderTemplate: values as GitHub prints them', () => {
  it.each<[string, string, string]>([
    ['null', '${{ github.event.pull_request.merged_at }}', ''],
    ['a whole number', '${{ github.event.number }}', '7'],
    ['a fraction', '${{ github.event.pull_request.additions }}', '2.5'],
    ['a boolean', '${{ github.event.pull_request.draft }}', 'false'],
    ['an object, as JSON', '${{ github.event.pull_request.labels[0] }}', '{"name":"bug"}'],
    ['an array, as JSON', '${{ fromJSON(env.JSON_TEXT).replicas }}', '[1,2]']
  ])('%s: %s -> %j', (_, template, expected) => {
    expect(render(template)).toBe(expected)
  })
})

describe('renderTemplate: functions', () => {
  it.each<[string, string]>([
    ["${{ contains('Hello world', 'WORLD') }}", 'true'],
    ["${{ contains(github.event.pull_request.labels.*.name, 'bug') }}", 'true'],
    ["${{ contains(github.event.pull_request.labels.*.name, 'docs') }}", 'false'],
    ["${{ startsWith(github.ref, 'refs/pull/') }}", 'true'],
    ["${{ startsWith(github.ref, 'refs/tags/') }}", 'false'],
    ["${{ endsWith(github.repository, '-REPO') }}", 'true'],
    [
      "${{ format('{0} run {1} on {{main}}', github.workflow, github.run_number) }}",
      'CI run 42 on {main}'
    ],
    ["${{ join(github.event.pull_request.labels.*.name, ' + ') }}", 'bug + ui'],
    ['${{ join(github.event.pull_request.labels.*.name) }}', 'bug,ui'],
    ['${{ toJSON(job) }}', '{\n  "status": "success"\n}'],
    ['${{ toJSON(github.event.pull_request.labels[0]) }}', '{\n  "name": "bug"\n}'],
    ['${{ fromJSON(env.JSON_TEXT).region }}', 'eu'],
    ['${{ fromJSON(env.NUMBER_TEXT) == 3 }}', 'true'],
    ["${{ fromJSON('true') && 'on' || 'off' }}", 'on']
  ])('%s -> %s', (template, expected) => {
    expect(render(template)).toBe(expected)
  })
})

describe('renderTemplate: status functions follow job.status', () => {
  const table: [Status, boolean, boolean, boolean][] = [
    ['success', true, false, false],
    ['failure', false, true, false],
    ['cancelled', false, false, true],
    ['warning', false, false, false],
    ['info', false, false, false]
  ]
  it.each(table)(
    '%s: success()=%s failure()=%s cancelled()=%s',
    (status, success, failure, cancelled) => {
      const output = renderTemplate(
        '${{ success() }} ${{ failure() }} ${{ cancelled() }} ${{ always() }}',
        contextFor(status)
      )
      expect(output).toBe(`${success} ${failure} ${cancelled} true`)
    }
  )

  it.each<[Status, string]>([
    ['success', 'Deployed'],
    ['failure', 'Deploy failed'],
    ['cancelled', 'Deploy cancelled']
  ])('picks wording by status: %s', (status, expected) => {
    const template =
      "${{ success() && 'Deployed' || failure() && 'Deploy failed' || 'Deploy cancelled' }}"
    expect(renderTemplate(template, contextFor(status))).toBe(expected)
  })
})

describe('renderTemplate: operators and literals', () => {
  it.each<[string, string]>([
    ["${{ github.event_name == 'pull_request' }}", 'true'],
    ["${{ github.event_name == 'PULL_REQUEST' }}", 'true'],
    ["${{ github.event_name != 'push' }}", 'true'],
    ['${{ github.event.number > 5 }}', 'true'],
    ['${{ github.event.number >= 7 }}', 'true'],
    ['${{ github.event.number < 7 }}', 'false'],
    ['${{ github.event.number <= 6 }}', 'false'],
    ['${{ !github.event.pull_request.draft }}', 'true'],
    ["${{ github.event.pull_request.draft || 'ready' }}", 'ready'],
    ["${{ github.event.pull_request.draft && 'draft' }}", 'false'],
    ["${{ (job.status == 'success' || false) && 'ok' }}", 'ok'],
    ["${{ 'it''s' }}", "it's"],
    ["${{ 'a }} b' }}", 'a }} b'],
    ['${{ 1.50 }}', '1.5'],
    ['${{ -2 }}', '-2'],
    ['${{ 1e3 }}', '1000'],
    ['${{ 0xff }}', '255'],
    ['${{ true }} ${{ false }}', 'true false'],
    ['${{ null }}', ''],
    ["${{ '1' == 1 }}", 'true']
  ])('%s -> %s', (template, expected) => {
    expect(render(template)).toBe(expected)
  })
})

describe('renderTemplate: the text around expressions', () => {
  it.each<[string, string]>([
    ['no expression at all', 'no expression at all'],
    ['$ { not one } and ${ neither }', '$ { not one } and ${ neither }'],
    [
      'Build ${{ github.run_number }} of ${{ github.repository }}.',
      'Build 42 of octo-org/octo-repo.'
    ],
    ['line one\n  ${{ job.status }}\nline three', 'line one\n  success\nline three'],
    ['${{job.status}}', 'success']
  ])('%j', (template, expected) => {
    expect(render(template)).toBe(expected)
  })

  it('returns a template without expressions as it is', () => {
    const template = 'Plain @all text'
    expect(render(template)).toBe(template)
  })
})

describe('renderTemplate: inserted values are data', () => {
  it.each<[string, string]>([
    ['${{ env.TEMPLATE_TEXT }}', '${{ env.DEPLOY_TARGET }}'],
    ['${{ github.event.commits[0].message }}', 'Fix ${{ env.DEPLOY_TARGET }}'],
    ["${{ format('{0}', env.TEMPLATE_TEXT) }}", '${{ env.DEPLOY_TARGET }}']
  ])('%s is not evaluated again', (template, expected) => {
    expect(render(template)).toBe(expected)
  })
})

describe('renderTemplate: defusing mass mentions', () => {
  it('a pull request titled "@all hi" does not ping', () => {
    const output = render('PR: ${{ github.event.pull_request.title }}')
    expect(output).not.toMatch(PINGABLE)
    expect(output.replace(/\u200B/g, '')).toBe('PR: @all hi')
  })

  it.each<[string, string]>([
    ['the author wrote it', '@all ${{ github.event.number }}'],
    ['the author wrote it after a value', '${{ github.event.number }} @here'],
    ['the author wrote it, with defuse off too', '@channel']
  ])('keeps a mention when %s', (_, template) => {
    expect(render(template)).toMatch(PINGABLE)
  })

  it.each<[string, string]>([
    ['a value completes the author’s @', '@${{ env.WHO }}'],
    ['a value supplies the @', '${{ env.AT }}all'],
    ['inside JSON', '${{ toJSON(github.event.pull_request) }}'],
    ['upper case', "${{ format('@{0}', 'HERE') }}"],
    ['followed by punctuation', "${{ '@channel: look' }}"]
  ])('defuses a mention when %s', (_, template) => {
    expect(render(template)).not.toMatch(PINGABLE)
  })

  it('makes other names links to their GitHub profiles', () => {
    expect(render("${{ '@allison and @heredoc' }}")).toBe(
      '<https://github.com/allison|@allison> and <https://github.com/heredoc|@heredoc>'
    )
  })

  it('inserts a plain value (a URL, a name) as it is, room-wide mentions still defused', () => {
    const output = renderTemplate(
      "${{ github.event.pull_request.title }} ${{ 'https://x.test/a_b*' }}",
      context,
      { as: 'plain' }
    )
    expect(output).toBe('@\u200Ball hi https://x.test/a_b*')
  })
})

describe('renderTemplate: errors name the expression and where it is', () => {
  it.each<[string, string[]]>([
    ['Deploy ${{ github.sha', ['${{ github.sha', 'line 1, column 8', 'no closing }}']],
    ["${{ 'open string }}", ["${{ 'open string }}", 'line 1, column 1', 'no closing }}']],
    ['ok\n  ${{ nope() }}', ['${{ nope() }}', 'line 2, column 3', "Unrecognized function: 'nope'"]],
    [
      '${{ secrets.TOKEN }}',
      [
        "Unrecognized named-value: 'secrets'",
        'write ${{ secrets.NAME }} and the runner fills it in'
      ]
    ],
    ['x ${{ github.sha == }}', ['${{ github.sha == }}', 'line 1, column 3', 'Unexpected end']],
    ['${{ 1 = 2 }}', ['${{ 1 = 2 }}', 'Unexpected symbol']],
    ['${{ }}', ['${{ }}', 'empty expression']],
    ['${{ success(1) }}', ['Too many parameters']],
    ["${{ fromJSON('{') }}", ["${{ fromJSON('{') }}", 'JSON']],
    ["${{ format('{1}', 'a') }}", ['references more arguments']]
  ])('%j', (template, parts) => {
    let caught: unknown
    try {
      render(template)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(TemplateError)
    for (const part of parts) expect((caught as Error).message).toContain(part)
  })
})

describe('renderTemplate: {{ }}, the syntax the runner leaves alone', () => {
  it.each<[string, string]>([
    ['{{ github.repository }}', 'octo-org/octo-repo'],
    ['{{job.status}} and ${{ job.status }}', 'success and success'],
    ["{{ '{{' }} literal }}", '{{ literal }}'],
    ['a $ {{ runner.os }}', 'a $ Linux'],
    ['{ not one } and ${ neither }', '{ not one } and ${ neither }']
  ])('%j -> %j', (template, expected) => {
    expect(render(template)).toBe(expected)
  })

  it('a pull request title pings no one, bolds nothing, and hides no link', () => {
    const hostile = contextFor('success')
    const title = 'Fix *everything* [now](https://evil.example/login) @alice'
    ;(hostile.github.event.pull_request as Record<string, unknown>).title = title
    const text = renderTemplate('PR: {{ github.event.pull_request.title }}', hostile)

    expect(mentionsIn(text)).toEqual([])
    expect(typesOf(text).has('BOLD')).toBe(false)
    expect(linksIn(text)).toEqual([{ label: '@alice', src: 'https://github.com/alice' }])
    expect(visibleText(text)).toBe(`PR: ${title}`)
  })

  it.each([
    ['release', 'body', 'html_url'],
    ['pull_request', 'body', 'html_url'],
    ['issue', 'body', 'html_url'],
    ['comment', 'body', 'html_url'],
    ['discussion', 'body', 'html_url'],
    ['head_commit', 'message', 'url']
  ])('links a cut %s.%s to where it is read whole, its %s', (kind, text, url) => {
    const withText = contextFor('success')
    withText.github.event = {
      [kind]: { [text]: 'the long text', [url]: `https://github.com/${kind}` }
    }
    const fullText = (_: string, options: { fullText: string }): string => `<${options.fullText}>`
    const render = (template: string) => renderTemplate(template, withText, { markdown: fullText })

    expect(render(`{{ markdown(github.event.${kind}.${text}) }}`)).toBe(
      `<https://github.com/${kind}>`
    )
    expect(render(`{{ markdown(github.event.${kind}.${text}, 'https://x.io/all') }}`)).toBe(
      '<https://x.io/all>'
    )
    expect(render(`{{ markdown('the long text, retyped') }}`)).toBe('<>')
  })

  it('keeps a value after the author’s # from naming a room, and lets #{{ number }} read as written', () => {
    const rooms = contextFor('success')
    rooms.github.event = { room: 'general', number: 7, team: 'ops7' }
    const render = (template: string) => renderTemplate(template, rooms)

    expect(render('#{{ github.event.room }}')).toBe('#\u200Bgeneral')
    expect(render('#{{ github.event.team }}')).toBe('#\u200Bops7')
    expect(render('#{{ github.event.number }}')).toBe('#7')
    expect(render('C# {{ github.event.room }} and x#{{ github.event.number }}y')).toBe(
      'C# general and x#7y'
    )
  })

  it('keeps what markdown() converted, and no event value can pass for it', () => {
    const withNotes = contextFor('success')
    withNotes.github.event.release = { body: '## Notes\n\n* by @octocat', html_url: 'https://r' }
    withNotes.github.event.forged = '\uE000**bold** @all\uE001'
    const convert = (text: string): string => `converted(${text})`
    const output = renderTemplate(
      "{{ markdown(github.event.release.body) }} | {{ github.event.forged }} | {{ format('x {0}', markdown('*a*')) }}",
      withNotes,
      { markdown: convert }
    )

    expect(output).toBe(
      'converted(## Notes\n\n* by @octocat) | \\*\\*bold\\*\\* @\u200Ball | x converted(*a*)'
    )
  })
})

describe('renderTemplate: templates that expand without bound are stopped', () => {
  it('a nested format() that doubles at every level fails fast, naming the input', () => {
    let expression = "'xxxxxxxxxxxxxxxx'"
    // 16 GiB if expanded whole: stopped at 64 KiB, or the test could not end.
    for (let level = 0; level < 30; level++) expression = `format('{0}{0}', ${expression})`
    let caught: unknown
    try {
      renderTemplate(`{{ ${expression} }}`, context, { input: 'body' })
    } catch (error) {
      caught = error
    }

    expect(caught).toBeInstanceOf(TemplateError)
    expect((caught as Error).message).toMatch(/^body: .*format\(\) gives more than 64 KiB/)
  })

  it('many expressions that add up past 64 KiB fail too', () => {
    const big = 'x'.repeat(40_000)
    const wide = contextFor('success', { BIG: big })
    expect(() => renderTemplate('{{ env.BIG }}{{ env.BIG }}', wide, { input: 'title' })).toThrow(
      /^title: \{\{ env.BIG \}\} at line 1, column 14: its value would take the message past 64 KiB/
    )
    expect(renderTemplate('{{ env.BIG }}', wide)).toHaveLength(big.length)
  })
})

describe('renderTemplate: a mistake reported, the template rendered on', () => {
  const lenient = (template: string): { text: string; errors: string[] } => {
    const errors: string[] = []
    const text = renderTemplate(template, context, {
      input: 'body',
      onError: message => errors.push(message)
    })
    return { text, errors }
  }

  it.each<[string, string, string, RegExp]>([
    [
      'an unknown context',
      'Hi {{ user.name }} on {{ github.repository }}',
      'Hi {{ user.name }} on octo-org/octo-repo',
      /^body: \{\{ user\.name \}\} at line 1, column 4: Unrecognized named-value: 'user'/
    ],
    [
      'an unknown function',
      'x\n ${{ nope() }}!',
      'x\n ${{ nope() }}!',
      /^body: \$\{\{ nope\(\) \}\} at line 2, column 2: Unrecognized function: 'nope'/
    ],
    [
      'an unclosed {{',
      '{{ github.workflow }} {{ github.sha',
      'CI {{ github.sha',
      /^body: \{\{ github\.sha at line 1, column 23 has no closing \}\}/
    ]
  ])('%s: shown as written', (_, template, text, error) => {
    const rendered = lenient(template)
    expect(rendered.text).toBe(text)
    expect(rendered.errors).toEqual([expect.stringMatching(error)])
  })

  it('a value past the size cap: the expression shown as written', () => {
    const wide = contextFor('success', { BIG: 'x'.repeat(40_000) })
    const errors: string[] = []
    const text = renderTemplate('{{ env.BIG }}{{ env.BIG }}', wide, {
      input: 'body',
      onError: message => errors.push(message)
    })
    expect(text).toBe(`${'x'.repeat(40_000)}{{ env.BIG }}`)
    expect(errors).toEqual([
      expect.stringMatching(/^body: \{\{ env\.BIG \}\} at line 1, column 14/)
    ])
  })
})

describe('renderTemplate: env only where the action alone reads the template', () => {
  const secretEnv = contextFor('success', { DEPLOY_KEY: 'dk-live-0123456789' })

  it.each(['{{ env.DEPLOY_KEY }}', '{{ toJSON(env) }}', "{{ format('{0}', env) }}"])(
    'inline, %s reads nothing and says where env is read',
    template => {
      const errors: string[] = []
      const text = renderTemplate(template, secretEnv, {
        input: 'title',
        env: false,
        onError: message => errors.push(message)
      })
      expect(text).toBe(template)
      expect(text).not.toContain('dk-live')
      expect(errors).toEqual([
        expect.stringMatching(
          /the action reads env only in body-file; inline, write \$\{\{ env\.NAME \}\}/
        )
      ])
    }
  )

  it('in body-file, env is read', () => {
    expect(renderTemplate('${{ env.DEPLOY_KEY }}', secretEnv, { env: true })).toBe(
      'dk-live-0123456789'
    )
  })
})

describe('renderTemplate: text the runner pasted in is a value', () => {
  it('is never evaluated, and reads as written', () => {
    const template = 'Pushed: Fix {{ user.name }} in {{ github.workflow }}'
    const start = template.indexOf('Fix')
    const end = start + 'Fix {{ user.name }} in {{ github.workflow }}'.length
    expect(
      renderTemplate(template, context, {
        pasted: [{ start, end, path: 'github.event.head_commit.message', markdown: false }]
      })
    ).toBe('Pushed: Fix {{ user.name }} in {{ github.workflow }}')
  })

  it("is made inert, while the author's own text around it still works", () => {
    const template = '@here {{ github.workflow }}: @all see [x](https://evil.example) *now*'
    const start = template.indexOf('@all')
    const text = renderTemplate(template, context, {
      pasted: [
        { start, end: template.length, path: 'github.event.pull_request.title', markdown: false }
      ]
    })
    expect(mentionsIn(text)).toEqual(['here'])
    expect(linksIn(text)).toEqual([])
    expect(typesOf(text).has('BOLD')).toBe(false)
    expect(visibleText(text)).toBe('@here CI: @all see [x](https://evil.example) *now*')
  })

  it('cannot pass for what markdown() converted', () => {
    const template = 'PR: \uE000@all hi\uE001'
    const text = renderTemplate(template, context, {
      pasted: [
        { start: 4, end: template.length, path: 'github.event.pull_request.title', markdown: false }
      ]
    })
    expect(mentionsIn(text)).toEqual([])
    expect(text).toBe('PR: @\u200Ball hi')
  })

  it('a markdown body is converted as markdown() converts it', () => {
    const template = 'Notes: ## Hi <!-- x -->'
    const text = renderTemplate(template, context, {
      pasted: [
        { start: 7, end: template.length, path: 'github.event.release.body', markdown: true }
      ],
      markdown: (source, options) => `converted(${source}|${options.links.repository})`
    })
    expect(text).toBe('Notes: converted(## Hi <!-- x -->|octo-org/octo-repo)')
  })
})

describe('renderTemplate: templates that help when they go wrong', () => {
  const warnings = (template: string): string[] => {
    const heard: string[] = []
    renderTemplate(template, context, { input: 'body', onWarning: w => heard.push(w) })
    return heard
  }

  it.each<[string, string, string[]]>([
    [
      'a typo in a key of the event',
      '{{ github.event.pull_request.titel }}',
      [
        'body: {{ github.event.pull_request.titel }} at line 1, column 1 resolves to nothing: github.event.pull_request has no `titel`; did you mean `title`?'
      ]
    ],
    [
      'a typo past a list index',
      'x {{ github.event.pull_request.labels[1].nmae }}',
      [
        'body: {{ github.event.pull_request.labels[1].nmae }} at line 1, column 3 resolves to nothing: github.event.pull_request.labels[1] has no `nmae`; did you mean `name`?'
      ]
    ],
    ['a key of another event, nothing close to it', '{{ github.event.release.tag_name }}', []],
    ['a path that resolves', '{{ github.event.pull_request.title }}', []],
    [
      'an expression that is not a plain path',
      "{{ github.event.pull_request.titel || 'none' }}",
      []
    ]
  ])('%s', (_, template, expected) => {
    expect(warnings(template)).toEqual(expected)
  })

  it.each(['steps', 'matrix', 'needs', 'vars', 'inputs', 'secrets', 'strategy'])(
    '{{ %s.x }}: the hint to write ${{ }} for the runner, with the reason',
    name => {
      const heard: string[] = []
      renderTemplate(`{{ ${name}.x.outputs.y }}`, context, { onError: e => heard.push(e) })
      expect(heard).toEqual([
        expect.stringMatching(
          new RegExp(
            `Unrecognized named-value: '${name}': [^;]+; write \\$\\{\\{ ${name}\\.NAME \\}\\} and the runner fills it in`
          )
        )
      ])
    }
  )
})

describe('renderTemplate: values and bounds, on a fresh context', () => {
  // A context is converted once and cached: each case renders on its own, fresh one.
  it.each<[string, string, string]>([
    ['a boolean', '${{ github.event.pull_request.draft }}', 'false'],
    ['an array', '${{ github.event.pull_request.labels.*.name }}', '["bug","ui"]'],
    ['a number', '${{ github.event.number }}', '7'],
    [
      'a list of objects',
      '${{ github.event.pull_request.labels }}',
      '[{"name":"bug"},{"name":"ui"}]'
    ]
  ])('%s: %s -> %s', (_, template, expected) => {
    expect(renderTemplate(template, contextFor('success'))).toBe(expected)
  })

  it('renders a value of exactly 64 KiB, through format() too, and a template of exactly 64 KiB', () => {
    const wide = contextFor('success', { BIG: 'x'.repeat(64 * 1024) })
    expect(renderTemplate('{{ env.BIG }}', wide)).toHaveLength(64 * 1024)
    expect(renderTemplate("{{ format('{0}', env.BIG) }}", wide)).toHaveLength(64 * 1024)
    const text = `{{ github.workflow }}${'y'.repeat(64 * 1024 - 2)}`
    expect(renderTemplate(text, contextFor('success'))).toHaveLength(64 * 1024)
  })

  it('stops a template whose own text runs past 64 KiB, naming the input, and cuts it there', () => {
    const template = `{{ github.workflow }}${'y'.repeat(70_000)}`
    expect(() => renderTemplate(template, contextFor('success'), { input: 'body' })).toThrow(
      'body: the template renders to more than 64 KiB; a message is far smaller'
    )
    const errors: string[] = []
    const text = renderTemplate(template, contextFor('success'), {
      onError: e => errors.push(e)
    })
    expect(text).toHaveLength(64 * 1024)
    expect(text.startsWith('CIy')).toBe(true)
    expect(errors).toEqual(['the template renders to more than 64 KiB; a message is far smaller'])
  })

  it.each([
    ['join()', '{{ join(fromJSON(format(\'["{0}","{0}"]\', env.BIG)), env.BIG) }}'],
    ['toJSON()', '{{ toJSON(env) }}']
  ])('stops %s past 64 KiB as format() is stopped', (name, template) => {
    const wide = contextFor('success', { BIG: 'x'.repeat(30_000), BIG2: 'x'.repeat(40_000) })
    expect(() => renderTemplate(template, wide, { env: true })).toThrow(
      `${name.replace('toJSON', 'toJson').replace(/\(\)$/, '')}() gives more than 64 KiB`
    )
  })
})

describe('renderTemplate: where an expression begins and ends, beside pasted text', () => {
  const span = (template: string, text: string, markdown = false) => {
    const start = template.indexOf(text)
    return [{ start, end: start + text.length, path: 'github.event.pull_request.title', markdown }]
  }

  it('a pasted text that begins with {{ is inserted as written, not evaluated', () => {
    const template = 'Pushed: {{ user.name }}'
    expect(renderTemplate(template, context, { pasted: span(template, '{{ user.name }}') })).toBe(
      template
    )
  })

  it('a {{ of the author left open right before pasted text is a mistake: the pasted }} does not close it', () => {
    for (const [template, pasted] of [
      ['x {{ github.workflow }} y', ' github.workflow }} y'],
      ['x {{ github.workflow }} y', '} y']
    ] as const) {
      const errors: string[] = []
      renderTemplate(template, context, {
        pasted: span(template, pasted),
        onError: e => errors.push(e)
      })
      expect(errors).toEqual([expect.stringMatching(/ at line 1, column 3 has no closing \}\}$/)])
    }
  })

  it('a $ the runner pasted before the author’s {{ is not part of the expression', () => {
    const template = 'cost ${{ nope() }}'
    const errors: string[] = []
    const text = renderTemplate(template, context, {
      pasted: span(template, 'cost $'),
      onError: e => errors.push(e)
    })
    expect(text).toBe('cost ${{ nope() }}')
    expect(errors).toEqual([expect.stringMatching(/^\{\{ nope\(\) \}\} at line 1, column 7: /)])
  })

  it('a single } does not end an expression', () => {
    expect(() => render('{{ github.workflow } }}')).toThrow(TemplateError)
  })

  it('converts only a pasted markdown text, and never in a plain input', () => {
    const converter = (source: string) => `converted(${source})`
    const template = 'PR: *title*'
    expect(
      renderTemplate(template, context, { pasted: span(template, '*title*'), markdown: converter })
    ).toBe('PR: \\*title\\*')
    expect(
      renderTemplate(template, context, {
        pasted: span(template, '*title*', true),
        markdown: converter,
        as: 'plain'
      })
    ).toBe('PR: *title*')
  })

  it('leaves no mark of markdown() in a plain input', () => {
    expect(
      renderTemplate("{{ markdown('a') }}", context, {
        as: 'plain',
        markdown: source => `<${source}>`
      })
    ).toBe('<a>')
  })

  it('without a converter, markdown() is an unknown function', () => {
    expect(() => render("{{ markdown('a') }}")).toThrow(/Unrecognized function: 'markdown'/)
  })

  it('keeps a value after the author’s # from naming a room in the middle of a line', () => {
    const text = render('see #{{ env.WHO }}')
    expect(text).toBe('see #\u200Bhere')
    expect(typesOf(text).has('MENTION_CHANNEL')).toBe(false)
  })
})

describe('renderTemplate: errors say where, briefly', () => {
  const firstError = (template: string): string => {
    const errors: string[] = []
    renderTemplate(template, context, { onError: e => errors.push(e) })
    return errors[0] ?? ''
  }

  it('counts the line and column of an expression before other lines', () => {
    expect(firstError('x ${{ nope() }}\nsecond\nthird')).toMatch(/ at line 1, column 3: /)
  })

  it('quotes an expression on one line, its runs of spaces as one', () => {
    expect(firstError('{{  nope(\n  )  }}')).toMatch(/^\{\{ nope\( \) \}\} at /)
  })

  it('quotes a long expression by its first 77 characters, and one of 80 whole', () => {
    const long = `{{ nope('${'a'.repeat(100)}') }}`
    expect(firstError(long)).toBe(
      `${long.slice(0, 77)}... at line 1, column 1: Unrecognized function: 'nope'`
    )
    const eighty = `{{ nope('${'a'.repeat(80 - 14)}') }}`
    expect(eighty).toHaveLength(80)
    expect(firstError(eighty)).toMatch(new RegExp(`^\\{\\{ nope\\('a{66}'\\) \\}\\} at `))
  })

  it('names every context a template can read when it reads an unknown one', () => {
    expect(firstError('{{ user.name }}')).toBe(
      "{{ user.name }} at line 1, column 1: Unrecognized named-value: 'user' (templates can read github, env, job, runner, run_details, previous_run, deployment, test_results)"
    )
  })

  it('says in full why a runner context is not read, and what to write', () => {
    expect(firstError('{{ steps.x.outputs.y }}')).toBe(
      "{{ steps.x.outputs.y }} at line 1, column 1: Unrecognized named-value: 'steps': a step's outputs live in the runner; write ${{ steps.NAME }} and the runner fills it in (its text is then sent as text, never evaluated)"
    )
    const errors: string[] = []
    renderTemplate('{{ env.X }}', context, { env: false, onError: e => errors.push(e) })
    expect(errors[0]).toMatch(
      /inline, write \$\{\{ env\.NAME \}\} and the runner fills it in \(README, "Where env is read"\)$/
    )
  })
})

describe('renderTemplate: typo hints only where they help', () => {
  const warnings = (template: string, on = context): string[] => {
    const heard: string[] = []
    renderTemplate(template, on, { onWarning: w => heard.push(w) })
    return heard
  }

  it('renders a typo without a listener, quietly', () => {
    expect(render('{{ github.event.pull_request.titel }}')).toBe('')
  })

  it.each<[string, string]>([
    ['an empty value of no plain path', "{{ github.event.pull_request.titel || '' }}"],
    ['a path through null', '{{ github.event.pull_request.merged_at.x }}'],
    ['a path through a string', '{{ github.event.action.x }}'],
    ['an index into an object', '{{ github.event.pull_request[5] }}'],
    ['a short word two edits away', '{{ github.event.pull_request.tit }}'],
    ['a word whose last letters make it far', '{{ github.event.pull_request.labels[0].nabcd }}']
  ])('no hint for %s', (_, template) => {
    expect(warnings(template)).toEqual([])
  })

  it('hints a key as many letters shorter as the word allows', () => {
    expect(warnings('{{ github.event.pull_request.draftxx }}')).toEqual([
      expect.stringContaining('did you mean `draft`?')
    ])
  })

  it('compares at most the first 500 keys of an object', () => {
    const wide = contextFor('success')
    const keys: [string, unknown][] = Array.from({ length: 500 }, (_, i) => [`key${i}`, i])
    wide.github.event = Object.fromEntries([...keys, ['message', 'far down']])
    expect(warnings('{{ github.event.mesage }}', wide)).toEqual([])
  })

  it('hints the first of two keys as close, in the event’s order', () => {
    const two = contextFor('success')
    two.github.event = { name1: 'a', name2: 'b' }
    expect(warnings('{{ github.event.name }}', two)).toEqual([
      expect.stringContaining('did you mean `name1`?')
    ])
  })

  it('hints a key of previous_run in previous_run, not in the event', () => {
    const withPrevious = contextFor('success')
    withPrevious.github.event = { conclusion: 'x' }
    withPrevious.previous_run = { status: 'success', change: 'fixed' } as never
    expect(warnings('{{ previous_run.chnage }}', withPrevious)).toEqual([
      expect.stringContaining('previous_run has no `chnage`; did you mean `change`?')
    ])
  })

  it('finds the full-text link of a markdown() text past an event field that is null', () => {
    const withNull = contextFor('success')
    withNull.github.event = {
      release: null,
      head_commit: { message: 'Fix it', url: 'https://github.com/o/r/commit/1' }
    }
    const seen: string[] = []
    renderTemplate('{{ markdown(github.event.head_commit.message) }}', withNull, {
      markdown: (source, options) => {
        seen.push(options.fullText)
        return source
      }
    })
    expect(seen).toEqual(['https://github.com/o/r/commit/1'])
  })
})
