// Buttons: one look per intent. `loading` disables the button and says so to screen readers.
import type { ButtonHTMLAttributes, ReactNode } from "react";

const VARIANTS = {
  primary: "bg-sky-600 text-white hover:bg-sky-500 focus-visible:outline-sky-400 disabled:bg-sky-600/50",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700",
  danger: "bg-red-600 text-white hover:bg-red-500 focus-visible:outline-red-400 disabled:bg-red-600/50",
  ghost: "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
} as const;
const SIZES = { sm: "h-7 px-2 text-xs", md: "h-8 px-3 text-sm" } as const;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
  loading?: boolean;
  /** Shown as a keyboard hint after the label, e.g. "a". */
  shortcut?: string;
  children: ReactNode;
};

export const buttonClass = (variant: keyof typeof VARIANTS = "secondary", size: keyof typeof SIZES = "md") =>
  `inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${SIZES[size]}`;

export function Button({ variant = "secondary", size = "md", loading = false, shortcut, className = "", disabled, children, type = "button", ...rest }: ButtonProps) {
  return (
    <button type={type} className={`${buttonClass(variant, size)} ${className}`} disabled={disabled || loading} aria-busy={loading || undefined} {...rest}>
      {loading && <span className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
      {children}
      {shortcut && <kbd className="ml-1 rounded border border-current/30 px-1 font-mono text-[10px] leading-4 opacity-70">{shortcut}</kbd>}
    </button>
  );
}
