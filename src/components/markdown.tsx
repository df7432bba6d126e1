// Markdown of comments, rendered SAFELY: react-markdown builds React elements from the markdown
// syntax tree and never injects HTML; raw HTML in the text is dropped (skipHtml, and no
// rehype-raw), link targets pass safeUrl (no javascript:/data:), images are not loaded (they could
// track who reads a case) but shown as their link.
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { safeUrl } from "@/lib/safe-url";

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-600 underline hover:text-sky-500 dark:text-sky-400">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) => (typeof src === "string" && src ? <a href={src} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-600 underline dark:text-sky-400">{alt || "image"}</a> : <span>{alt}</span>),
  code: ({ children, className }) => <code className={`rounded bg-slate-100 px-1 font-mono text-[0.85em] dark:bg-slate-800 ${className ?? ""}`}>{children}</code>,
  pre: ({ children }) => <pre className="overflow-x-auto rounded-md bg-slate-100 p-2 text-xs dark:bg-slate-950 [&_code]:bg-transparent [&_code]:p-0">{children}</pre>,
  ul: ({ children }) => <ul className="ml-5 list-disc">{children}</ul>,
  ol: ({ children }) => <ol className="ml-5 list-decimal">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="border-l-2 border-slate-300 pl-3 text-slate-500 dark:border-slate-600">{children}</blockquote>,
  table: ({ children }) => <table className="my-1 text-xs [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2 dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700">{children}</table>,
};

export function Markdown({ children, className = "" }: { children: string; className?: string }) {
  return (
    <div data-testid="markdown" className={`space-y-2 text-sm leading-6 break-words ${className}`}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={(url) => safeUrl(url)} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
