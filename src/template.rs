//! Commit message templates: `{{ name }}` (also the original's Blade `{{ $name }}`),
//! `{% if name %}…{% else %}…{% endif %}` (and dreitier's `{{ $name->value }}`). A Blade directive such as `@if(…)` is an error
//! that shows the equivalent. Values are inserted as text, never interpreted.

use crate::diagnostic::{unknown_name_hint, Diagnostic, Origin, Span};
use crate::dsl::is_name;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Text(String),
    Value(String),
    If { name: String, then: Vec<Node>, otherwise: Vec<Node> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    nodes: Vec<Node>,
}

/// Names a template may use besides the variables, filled in when the commit is made.
pub const BUILT_INS: [&str; 3] = ["total_modified_files", "modified_files", "environments"];

enum Tag {
    If(String),
    Else,
    EndIf,
}

impl Template {
    /// Parses `text`; `names` are the names that may be used (variables and built-ins).
    pub fn parse(text: &str, origin: &Origin, names: &[&str]) -> Result<Template, Diagnostic> {
        let mut parser = Parser { text, origin, names, pos: 0 };
        let (nodes, end) = parser.nodes()?;
        if let Some((tag, span)) = end {
            let message = match tag {
                Tag::Else => "`{% else %}` without `{% if … %}`",
                _ => "`{% endif %}` without `{% if … %}`",
            };
            return Err(Diagnostic::error("template error", message).at(origin, span).hint("remove it or open the block with `{% if name %}`"));
        }
        Ok(Template { nodes })
    }

    /// Fills in `values` (a name without a value renders empty and is false in `if`).
    pub fn render(&self, values: &BTreeMap<String, String>) -> String {
        let mut out = String::new();
        render_nodes(&self.nodes, values, &mut out);
        out
    }
}

fn render_nodes(nodes: &[Node], values: &BTreeMap<String, String>, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Value(name) => out.push_str(values.get(name).map_or("", String::as_str)),
            Node::If { name, then, otherwise } => {
                let truthy = values.get(name).is_some_and(|v| !v.trim().is_empty());
                render_nodes(if truthy { then } else { otherwise }, values, out);
            }
        }
    }
}

/// The nodes of a block and the tag that ended it (none at the end of the text).
type Block = (Vec<Node>, Option<(Tag, Span)>);

struct Parser<'a> {
    text: &'a str,
    origin: &'a Origin,
    names: &'a [&'a str],
    pos: usize,
}

impl<'a> Parser<'a> {
    /// Nodes up to the end or to an `else`/`endif` tag (returned with its span).
    fn nodes(&mut self) -> Result<Block, Diagnostic> {
        let mut nodes = Vec::new();
        let mut text = String::new();
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            if rest.starts_with("{{") {
                flush(&mut text, &mut nodes);
                nodes.push(Node::Value(self.value()?));
            } else if rest.starts_with("{%") {
                flush(&mut text, &mut nodes);
                let (tag, span) = self.tag()?;
                match tag {
                    Tag::If(name) => {
                        let (then, end) = self.nodes()?;
                        let (otherwise, end) = match end {
                            Some((Tag::Else, _)) => self.nodes()?,
                            other => (Vec::new(), other),
                        };
                        match end {
                            Some((Tag::EndIf, _)) => nodes.push(Node::If { name, then, otherwise }),
                            Some((_, extra)) => {
                                return Err(self.error("`{% else %}` appears twice in one `{% if %}`", extra, "an `if` block has at most one `{% else %}`"))
                            }
                            None => return Err(self.error("`{% if … %}` is never closed", span, "close it with `{% endif %}`")),
                        }
                    }
                    other => return Ok((nodes, Some((other, span)))),
                }
            } else if rest.starts_with("{!!") {
                return Err(self.blade(rest, "{!!", "write `{{ name }}`"));
            } else if let Some(directive) = blade_directive(rest) {
                let equivalent = match directive {
                    "@if" => "`{% if name %}`",
                    "@else" => "`{% else %}`",
                    "@endif" => "`{% endif %}`",
                    "@isset" => "`{% if name %}`",
                    "@endisset" => "`{% endif %}`",
                    _ => "`{{ name }}` and `{% if name %}…{% endif %}`",
                };
                let span = Span::new(self.pos, self.pos + directive.len());
                return Err(Diagnostic::error("template error", format!("Blade directive `{directive}` is not supported"))
                    .at(self.origin, span)
                    .hint(format!("the template language is `{{{{ name }}}}` and `{{% if name %}}…{{% endif %}}`: write {equivalent}")));
            } else {
                let c = rest.chars().next().expect("not at the end");
                text.push(c);
                self.pos += c.len_utf8();
            }
        }
        flush(&mut text, &mut nodes);
        Ok((nodes, None))
    }

    fn error(&self, message: &str, span: Span, hint: &str) -> Diagnostic {
        Diagnostic::error("template error", message).at(self.origin, span).hint(hint)
    }

    fn blade(&self, rest: &str, open: &str, hint: &str) -> Diagnostic {
        let len = rest.find("!!}").map_or(open.len(), |i| i + 3);
        self.error(&format!("`{}` is Blade syntax, which is not supported", &rest[..len]), Span::new(self.pos, self.pos + len), hint)
    }

    /// The body of `open … close` at the cursor, trimmed, with its span; moves past `close`.
    fn enclosed(&mut self, open: &str, close: &str) -> Result<(&'a str, Span, Span), Diagnostic> {
        let start = self.pos;
        let Some(end) = self.text[start + open.len()..].find(close) else {
            return Err(self.error(&format!("`{open}` is never closed"), Span::new(start, start + open.len()), &format!("close it with `{close}`")));
        };
        let inner_start = start + open.len();
        let inner_end = inner_start + end;
        self.pos = inner_end + close.len();
        let raw = &self.text[inner_start..inner_end];
        let lead = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        let body_span = Span::new(inner_start + lead, inner_start + lead + body.len());
        Ok((body, Span::new(start, self.pos), body_span))
    }

    fn name(&self, raw: &str, span: Span) -> Result<String, Diagnostic> {
        // dreitier's templates received objects: `{{ $docker_image_tag->value }}` was its working form.
        let name = raw.strip_prefix('$').unwrap_or(raw);
        let name = name.strip_suffix("->value").unwrap_or(name).trim_end();
        if !is_name(name) {
            return Err(self.error(&format!("`{raw}` is not a variable name"), span, "write `{{ name }}` with a variable name: letters, digits and `_`"));
        }
        let lower = name.to_ascii_lowercase();
        if !self.names.contains(&lower.as_str()) {
            return Err(Diagnostic::error("template error", format!("unknown variable `{name}` in the commit template"))
                .at(self.origin, span)
                .hint(unknown_name_hint(&lower, "variables and built-ins", self.names)));
        }
        Ok(lower)
    }

    fn value(&mut self) -> Result<String, Diagnostic> {
        let (body, _, span) = self.enclosed("{{", "}}")?;
        self.name(body, span)
    }

    fn tag(&mut self) -> Result<(Tag, Span), Diagnostic> {
        let (body, whole, span) = self.enclosed("{%", "%}")?;
        let mut words = body.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("if"), Some(name), None) => {
                let at = body.rfind(name).expect("word of body");
                let name_span = Span::new(span.start + at, span.start + at + name.len());
                Ok((Tag::If(self.name(name, name_span)?), whole))
            }
            (Some("else"), None, None) => Ok((Tag::Else, whole)),
            (Some("endif"), None, None) => Ok((Tag::EndIf, whole)),
            _ => Err(self.error(
                &format!("unknown template tag `{{% {body} %}}`"),
                whole,
                "the tags are `{% if name %}`, `{% else %}` and `{% endif %}`",
            )),
        }
    }
}

fn flush(text: &mut String, nodes: &mut Vec<Node>) {
    if !text.is_empty() {
        nodes.push(Node::Text(std::mem::take(text)));
    }
}

/// `@if`, `@endif`, `@foreach`, … at the start of `rest` (an `@` followed by a lower-case word
/// and `(` or a word boundary that Blade would treat as a directive).
fn blade_directive(rest: &str) -> Option<&str> {
    // Check for `@` before slicing past it: `rest` may start with a multi-byte character.
    let word_len = rest.strip_prefix('@')?.bytes().take_while(u8::is_ascii_lowercase).count();
    if word_len == 0 {
        return None;
    }
    let directive = &rest[..1 + word_len];
    const KNOWN: [&str; 10] = ["@if", "@else", "@elseif", "@endif", "@foreach", "@endforeach", "@isset", "@endisset", "@unless", "@endunless"];
    KNOWN.contains(&directive).then_some(directive)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 4] = ["docker_image_tag", "git_branch", "total_modified_files", "modified_files"];

    fn render(text: &str, values: &[(&str, &str)]) -> Result<String, String> {
        let origin = Origin::new("input commit_template", text);
        let t = Template::parse(text, &origin, &NAMES).map_err(|d| d.render())?;
        Ok(t.render(&values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()))
    }

    #[test]
    fn renders() {
        let v = [("docker_image_tag", "1.2-dev"), ("git_branch", "main"), ("total_modified_files", "2")];
        let cases = [
            ("plain", "Promote {{ docker_image_tag }}", "Promote 1.2-dev"),
            ("blade dollar", "Promote {{$docker_image_tag}} from {{ $GIT_BRANCH }}", "Promote 1.2-dev from main"),
            ("if true", "x{% if git_branch %} on {{ git_branch }}{% endif %}", "x on main"),
            ("if false", "x{% if modified_files %} y{% endif %}", "x"),
            ("else", "{% if modified_files %}a{% else %}b{% endif %}", "b"),
            ("nested", "{% if git_branch %}{% if docker_image_tag %}both{% endif %}{% endif %}", "both"),
            ("value not interpreted", "{{ git_branch }}", "main"),
            ("dreitier object form", "{{ $docker_image_tag->value }}", "1.2-dev"),
            ("braces kept", "a { b } %} c", "a { b } %} c"),
            ("email @ kept", "by bot@example.com", "by bot@example.com"),
        ];
        for (case, text, want) in cases {
            assert_eq!(render(text, &v).as_deref(), Ok(want), "{case}");
        }
        assert_eq!(render("{{ git_branch }}", &[("git_branch", "$(rm -rf /); `x` {{ y }}")]).unwrap(), "$(rm -rf /); `x` {{ y }}");
    }

    #[test]
    fn errors() {
        let cases = [
            ("blade if", "@if($git_branch) x @endif",
             "error: Blade directive `@if` is not supported\n --> input commit_template:1:1\n  |\n1 | @if($git_branch) x @endif\n  | ^^^\n  = hint: the template language is `{{ name }}` and `{% if name %}…{% endif %}`: write `{% if name %}`\n"),
            ("unknown name", "{{ git_brnch }}",
             "error: unknown variable `git_brnch` in the commit template\n --> input commit_template:1:4\n  |\n1 | {{ git_brnch }}\n  |    ^^^^^^^^^\n  = hint: did you mean `git_branch`? variables and built-ins: `docker_image_tag`, `git_branch`, `total_modified_files` and `modified_files`\n"),
            ("unclosed if", "{% if git_branch %} x",
             "error: `{% if … %}` is never closed\n --> input commit_template:1:1\n  |\n1 | {% if git_branch %} x\n  | ^^^^^^^^^^^^^^^^^^^\n  = hint: close it with `{% endif %}`\n"),
            ("unclosed value", "a {{ git_branch",
             "error: `{{` is never closed\n --> input commit_template:1:3\n  |\n1 | a {{ git_branch\n  |   ^^\n  = hint: close it with `}}`\n"),
            ("stray endif", "a {% endif %}",
             "error: `{% endif %}` without `{% if … %}`\n --> input commit_template:1:3\n  |\n1 | a {% endif %}\n  |   ^^^^^^^^^^^\n  = hint: remove it or open the block with `{% if name %}`\n"),
            ("unknown tag", "{% for x in y %}",
             "error: unknown template tag `{% for x in y %}`\n --> input commit_template:1:1\n  |\n1 | {% for x in y %}\n  | ^^^^^^^^^^^^^^^^\n  = hint: the tags are `{% if name %}`, `{% else %}` and `{% endif %}`\n"),
            ("blade raw", "{!! $git_branch !!}",
             "error: `{!! $git_branch !!}` is Blade syntax, which is not supported\n --> input commit_template:1:1\n  |\n1 | {!! $git_branch !!}\n  | ^^^^^^^^^^^^^^^^^^^\n  = hint: write `{{ name }}`\n"),
        ];
        for (case, text, want) in cases {
            assert_eq!(render(text, &[]).unwrap_err(), want, "{case}");
        }
    }
}
