import { createRouter, createWebHistory } from 'vue-router'
import type { RouteRecordRaw } from 'vue-router'
import BookPage from '@/ui/pages/BookPage.vue'

export const routes: RouteRecordRaw[] = [
  // The book is the start page and ships in the first chunk; the others load on first use (and are precached).
  { path: '/', name: 'book', component: BookPage },
  { path: '/complaints/new', name: 'new', component: () => import('@/ui/pages/NewComplaintPage.vue') },
  { path: '/complaints/:id/script', name: 'script', component: () => import('@/ui/script/ScriptPage.vue'), props: true },
  { path: '/print', name: 'print', component: () => import('@/ui/print/PrintRegisterPage.vue') },
  { path: '/principles', name: 'principles', component: () => import('@/ui/script/PrinciplesPage.vue') },
  { path: '/complaints/:id', name: 'complaint', component: () => import('@/ui/pages/ComplaintPage.vue'), props: true },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export function createAppRouter() {
  return createRouter({ history: createWebHistory(), routes })
}
