"use client";
// Modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and the
// page behind is inert. Focus returns to whatever opened it.
import { useEffect, useId, useRef, type ReactNode } from "react";

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  testId?: string;
}

const WIDTH = { sm: "max-w-sm", md: "max-w-lg", lg: "max-w-3xl" };

export function Dialog({ open, onClose, title, description, children, footer, size = "md", testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  // Escape closes a native dialog by itself; tell the owner so its state follows.
  useEffect(() => {
    const el = ref.current;
    const handler = () => onCloseRef.current();
    el?.addEventListener("close", handler);
    return () => el?.removeEventListener("close", handler);
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onClick={(e) => e.target === ref.current && onClose()}
      className={`m-auto w-full ${WIDTH[size]} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <header className="flex items-start gap-3 border-b border-slate-200 px-5 py-3 dark:border-slate-800">
            <div>
              <h2 id={titleId} className="text-base font-semibold">{title}</h2>
              {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
            </div>
            <button type="button" onClick={onClose} aria-label="Close" className="ml-auto rounded p-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800">
              ✕
            </button>
          </header>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
          {footer && <footer className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
