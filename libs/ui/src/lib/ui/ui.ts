import { Component } from '@angular/core';

@Component({
  selector: 'st-ui',
  imports: [],
  templateUrl: './ui.html',
  styleUrl: './ui.css'
})
export class Ui {}
