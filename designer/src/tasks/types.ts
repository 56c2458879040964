/** The task fields the UI reads (the server's TaskDoc, server/tasks/task.ts). */
export interface Task {
  _id: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  caseId: string;
  title: string;
  caseTitle: string | null;
  category: string | null;
  state: string;
  assignee: string | null;
  candidateGroups: string[];
  formKey: string | null;
  dueDate?: string | null;
  sla?: 'ok' | 'warning' | 'breached' | null;
  createdAt: string;
  trackingNumber?: string | null;
  suspended?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
